using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Ecrm.Graph.Engine;

/// <summary>Opaque timeline cursors: base64url of <c>ticks.eventId</c>, the key of the last event returned.</summary>
internal static class TimelineCursor
{
    public static string Encode(EventKey key)
        => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{key.Ticks}.{key.Id}")));

    public static EventKey Decode(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            var dot = text.IndexOf('.', StringComparison.Ordinal);
            if (dot > 0 && long.TryParse(text.AsSpan(0, dot), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ticks))
            {
                return new EventKey(ticks, text[(dot + 1)..]);
            }
        }
        catch (FormatException)
        {
        }

        throw new EcrmException($"Invalid timeline cursor '{cursor}': expected a value returned as TimelinePage.NextCursor.");
    }
}
