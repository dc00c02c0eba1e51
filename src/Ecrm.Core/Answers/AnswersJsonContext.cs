using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ecrm.Answers;

/// <summary>Source-generated JSON for answer library files (camelCase).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, WriteIndented = true, MaxDepth = 16)]
[JsonSerializable(typeof(AnswerLibraryFile))]
internal sealed partial class AnswersJsonContext : JsonSerializerContext
{
    private static AnswersJsonContext? readable;

    /// <summary>Gets the context writing Chinese as itself.</summary>
    public static AnswersJsonContext Readable => readable ??= new(new JsonSerializerOptions(Default.Options) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
