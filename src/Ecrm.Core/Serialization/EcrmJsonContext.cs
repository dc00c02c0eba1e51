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
public sealed partial class EcrmJsonContext : JsonSerializerContext
{
}
