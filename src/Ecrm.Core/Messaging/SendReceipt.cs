namespace Ecrm.Messaging;

/// <summary>What happened to one message.</summary>
/// <param name="IdempotencyKey">The message's key.</param>
/// <param name="Provider">The provider that handled it.</param>
/// <param name="Status">Sent, failed or unconfirmed.</param>
/// <param name="ProviderMessageId">The provider's id for the message (BizId, X-Message-Id, msgid), when it gave one.</param>
/// <param name="Attempts">How many requests were made (0 when an earlier send with the same key is reported again).</param>
/// <param name="Error">Why it failed or is unconfirmed: the provider's code and text, or the transport error.</param>
/// <param name="CompletedAt">When the outcome was known.</param>
public sealed record SendReceipt(
    string IdempotencyKey,
    string Provider,
    SendStatus Status,
    string? ProviderMessageId,
    int Attempts,
    string? Error,
    DateTimeOffset CompletedAt);
