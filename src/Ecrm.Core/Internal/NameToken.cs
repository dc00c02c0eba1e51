using System.Collections.Concurrent;

namespace Ecrm.Internal;

/// <summary>Validation and interning shared by the open "smart enum" token types (identity kinds, channels, event types).</summary>
internal static class NameToken
{
    private const int MaxLength = 64;
    private static readonly ConcurrentDictionary<string, string> Interned = new(StringComparer.Ordinal);

    /// <summary>Validates a token name: 1-64 characters of lowercase ASCII letters, digits and single inner hyphens.</summary>
    public static string Validate(string? name, string what)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new TokenFormatException(what, name, "expected a non-empty name.");
        }

        if (Interned.TryGetValue(name, out var known))
        {
            return known;
        }

        if (name.Length > MaxLength)
        {
            throw new TokenFormatException(what, name, $"expected at most {MaxLength} characters, received {name.Length}.");
        }

        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var ok = c is (>= 'a' and <= 'z') or (>= '0' and <= '9') || (c == '-' && i > 0 && i < name.Length - 1 && name[i - 1] != '-');
            if (!ok)
            {
                throw new TokenFormatException(what, name, "expected lowercase ASCII letters, digits and inner hyphens, like 'call-centre'.");
            }
        }

        // Bounded interning: custom names are few in practice; past the bound we simply stop interning.
        return Interned.Count < 4096 ? Interned.GetOrAdd(name, name) : name;
    }

    /// <summary>Registers a well-known name so that parsed values share its string instance.</summary>
    public static string Known(string name) => Interned.GetOrAdd(name, name);
}
