using System.Text.Encodings.Web;
using System.Text.Json;
using Ecrm.Serialization;

namespace Ecrm.SampleHost.Rendering;

/// <summary>Indented JSON that keeps Chinese text and '+' readable.</summary>
internal static class HostJson
{
    public static EcrmJsonContext Indented { get; } = new(new JsonSerializerOptions(EcrmJsonContext.Default.Options)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // console output, never HTML
    });
}
