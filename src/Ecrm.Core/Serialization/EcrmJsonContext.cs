using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ecrm.Serialization;

/// <summary>
/// System.Text.Json source-generated metadata for the SDK's wire types: camelCase properties, lowercase enum names,
/// nulls omitted. Use <see cref="Default"/> with <see cref="JsonSerializer"/> for trimming- and AOT-safe serialisation.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    AllowTrailingCommas = false,
    ReadCommentHandling = JsonCommentHandling.Disallow,
    MaxDepth = 32,
    NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(CustomerEvent))]
[JsonSerializable(typeof(Customer360))]
[JsonSerializable(typeof(Privacy.CustomerDataExport))]
[JsonSerializable(typeof(CustomerProfile))]
[JsonSerializable(typeof(GraphStatistics))]
[JsonSerializable(typeof(IReadOnlyList<MergeRecord>))]
[JsonSerializable(typeof(IReadOnlyList<IdentityConflict>))]
public sealed partial class EcrmJsonContext : JsonSerializerContext
{
    /// <summary>
    /// Gets the same metadata with '+', Chinese and other text written as themselves rather than \uXXXX escapes: for
    /// data (JSON Lines, stored payloads, exports), never for embedding in HTML.
    /// </summary>
    public static EcrmJsonContext Readable => readable ??= new(new JsonSerializerOptions(Default.Options)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    private static EcrmJsonContext? readable;
}
