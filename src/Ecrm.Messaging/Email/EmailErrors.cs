using System.Text;
using System.Text.Json;

namespace Ecrm.Messaging.Email;

/// <summary>Reads an e-mail API's error text: SendGrid's <c>errors[].message</c> or Mailgun's <c>message</c>.</summary>
internal static class EmailErrors
{
    public static string? Read(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                return string.Join("; ", errors.EnumerateArray()
                    .Select(e => (e.TryGetProperty("field", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString() + ": " : string.Empty)
                        + (e.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : "?")));
            }

            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
            {
                return message.GetString();
            }
        }
        catch (JsonException)
        {
        }

        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 200));
        return text.Trim();
    }
}
