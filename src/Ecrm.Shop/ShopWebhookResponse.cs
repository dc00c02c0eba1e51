namespace Ecrm.Shop;

/// <summary>What to answer the platform: the status (2xx stops its retries) and a short reason for logs.</summary>
/// <param name="StatusCode">200 handled (or a known duplicate, or a topic the SDK ignores), 401 forged, 400 malformed, 405 not POST, 413 too large, 422 not mappable yet (the platform retries).</param>
/// <param name="Reason">Why, in a few words (never the payload).</param>
/// <param name="Events">The events ingested (accepted or duplicates).</param>
public sealed record ShopWebhookResponse(int StatusCode, string Reason, IReadOnlyList<IngestResult> Events)
{
    internal static ShopWebhookResponse Of(int status, string reason) => new(status, reason, []);
}
