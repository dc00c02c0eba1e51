using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ecrm.Listening;

namespace Ecrm.Webhooks;

/// <summary>
/// The webhook's wire format: the JSON body of a notification and its signature. See docs/listening.md for the schema;
/// the customer is summarised (id, identities, tier, points, orders) rather than sent whole.
/// </summary>
public static class WebhookPayload
{
    /// <summary>The header carrying the notification id: receivers drop repeats by it (retries resend the same id).</summary>
    public const string DeliveryHeader = "X-Ecrm-Delivery";

    /// <summary>The header carrying the signing time, in Unix seconds.</summary>
    public const string TimestampHeader = "X-Ecrm-Timestamp";

    /// <summary>The header carrying <c>sha256=HEX</c>: HMAC-SHA256 with the secret over <c>TIMESTAMP + "." + BODY</c>.</summary>
    public const string SignatureHeader = "X-Ecrm-Signature";

    /// <summary>Writes a notification's JSON body (UTF-8).</summary>
    /// <param name="notification">The notification.</param>
    /// <returns>The body.</returns>
    public static byte[] Serialize(AlertNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("id", notification.Id);
            w.WriteString("kind", notification.Kind.ToString().ToLowerInvariant());
            w.WriteString("at", notification.At);
            if (notification.Alert is { } alert)
            {
                w.WritePropertyName("alert");
                WriteAlert(w, alert);
            }

            if (notification.Surge is { } surge)
            {
                w.WriteStartObject("surge");
                w.WriteString("scope", surge.Scope);
                w.WriteString("windowStart", surge.WindowStart);
                w.WriteString("windowEnd", surge.WindowEnd);
                w.WriteNumber("count", surge.Count);
                w.WriteNumber("baseline", surge.Baseline);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Computes the signature header's value.</summary>
    /// <param name="secret">The shared secret.</param>
    /// <param name="timestamp">The Unix time in seconds sent in <see cref="TimestampHeader"/>.</param>
    /// <param name="body">The exact body bytes.</param>
    /// <returns><c>sha256=</c> and the lowercase hex HMAC.</returns>
    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message));
    }

    /// <summary>Checks a received request's signature in constant time, and that its timestamp is recent (for receivers).</summary>
    /// <param name="secret">The shared secret.</param>
    /// <param name="timestamp">The <see cref="TimestampHeader"/> value.</param>
    /// <param name="signature">The <see cref="SignatureHeader"/> value.</param>
    /// <param name="body">The exact body bytes.</param>
    /// <param name="now">The receiver's time.</param>
    /// <param name="tolerance">How far the timestamp may be from now (replay protection); five minutes when null.</param>
    /// <returns>Whether the request is authentic and fresh.</returns>
    public static bool Verify(string secret, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan? tolerance = null)
    {
        if (signature is null || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs(now.ToUnixTimeSeconds() - seconds) > (tolerance ?? TimeSpan.FromMinutes(5)).TotalSeconds)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(secret, seconds, body));
        var received = Encoding.ASCII.GetBytes(signature);
        return CryptographicOperations.FixedTimeEquals(expected, received);
    }

    private static void WriteAlert(Utf8JsonWriter w, Alert alert)
    {
        w.WriteStartObject();
        w.WriteString("id", alert.Id);
        w.WriteString("status", alert.Status.ToString().ToLowerInvariant());
        w.WriteString("level", alert.Level.ToString().ToLowerInvariant());
        w.WriteNumber("severity", alert.Severity);
        w.WriteNumber("sentiment", Math.Round(alert.Sentiment, 4));
        w.WriteString("customerId", alert.CustomerId);
        w.WriteString("channel", alert.Channel);
        if (alert.TargetPostId is not null)
        {
            w.WriteString("targetPostId", alert.TargetPostId);
        }

        w.WriteNumber("occurrences", alert.Occurrences);
        w.WriteString("raisedAt", alert.RaisedAt);
        w.WriteString("lastSeenAt", alert.LastSeenAt);
        w.WriteStartArray("aspects");
        foreach (var aspect in alert.Aspects)
        {
            w.WriteStringValue(aspect);
        }

        w.WriteEndArray();
        w.WriteStartArray("texts");
        foreach (var text in alert.Texts)
        {
            w.WriteStartObject();
            w.WriteString("eventId", text.EventId);
            w.WriteString("text", text.Text);
            w.WriteNumber("sentiment", Math.Round(text.Sentiment, 4));
            w.WriteString("occurredAt", text.OccurredAt);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartObject("reach");
        w.WriteNumber("followers", alert.Reach.Followers);
        w.WriteNumber("influence", Math.Round(alert.Reach.Influence, 4));
        if (alert.Reach.Tier is not null)
        {
            w.WriteString("tier", alert.Reach.Tier);
        }

        w.WriteNumber("value", alert.Reach.Value);
        w.WriteNumber("score", Math.Round(alert.Reach.Score, 4));
        w.WriteEndObject();
        if (alert.Customer is { } customer)
        {
            w.WriteStartObject("customer");
            w.WriteString("id", customer.Profile.Id);
            w.WriteStartArray("identities");
            foreach (var identity in customer.Profile.Identities)
            {
                w.WriteStringValue(identity.Identity.ToString());
            }

            w.WriteEndArray();
            w.WriteNumber("orders", customer.Profile.Counters.Orders);
            if (customer.Insight is { } insight)
            {
                if (insight.Tier is not null)
                {
                    w.WriteString("tier", insight.Tier);
                }

                w.WriteNumber("points", insight.Points);
            }

            w.WriteEndObject();
        }

        WriteHandling(w, "acknowledged", alert.AcknowledgedAt, alert.AcknowledgedBy);
        WriteHandling(w, "resolved", alert.ResolvedAt, alert.ResolvedBy);
        if (alert.Note is not null)
        {
            w.WriteString("note", alert.Note);
        }

        w.WriteEndObject();
    }

    private static void WriteHandling(Utf8JsonWriter w, string name, DateTimeOffset? at, string? by)
    {
        if (at is null)
        {
            return;
        }

        w.WriteStartObject(name);
        w.WriteString("at", at.Value);
        if (by is not null)
        {
            w.WriteString("by", by);
        }

        w.WriteEndObject();
    }
}
