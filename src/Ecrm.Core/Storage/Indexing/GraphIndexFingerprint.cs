using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Ecrm.Storage;

/// <summary>
/// What a graph index was built under: the engine's index format and every option that changes the graph a replay
/// gives (each identity kind's strength, uniqueness, priority and sharing limit; the default currency). An index with
/// another fingerprint is not used: the log is replayed under today's options and the index rewritten.
/// </summary>
internal static class GraphIndexFingerprint
{
    /// <summary>The version of the rows the engine writes; raised whenever what a row means changes.</summary>
    private const int Format = 3; // 2: components, earliest references, shared identities (writes on working sets); 3: undone merges, merges by id

    public static string Of(EcrmOptions options)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"format={Format};currency={options.DefaultCurrency}");
        foreach (var (kind, o) in options.IdentityKinds.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $";{kind}:{o.Strength},{o.UniquePerCustomer},{o.Priority},{o.SharedAfter}");
        }

        return $"v{Format}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32]}";
    }
}
