using System.Globalization;
using System.Net;

namespace Ecrm.Outbound;

/// <summary>A provider's answer to one attempt, read by the provider package from the HTTP response.</summary>
/// <param name="Kind">Success, retry, reject or unknown.</param>
/// <param name="StatusCode">The HTTP status (0 when no response arrived).</param>
/// <param name="MessageId">The provider's id for what was created (a message id, a token), on success.</param>
/// <param name="Error">The provider's code and text, or the transport error, when not a success.</param>
/// <param name="RetryAfter">How long the provider asked to wait before a retry, when it said.</param>
public readonly record struct ProviderAnswer(AnswerKind Kind, int StatusCode, string? MessageId, string? Error, TimeSpan? RetryAfter = null)
{
    /// <summary>A success.</summary>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="messageId">The provider's id, if any.</param>
    /// <returns>The answer.</returns>
    public static ProviderAnswer Success(int statusCode, string? messageId = null) => new(AnswerKind.Success, statusCode, messageId, null);

    /// <summary>A failure after which a retry is safe.</summary>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="error">The provider's code and text.</param>
    /// <param name="retryAfter">How long the provider asked to wait.</param>
    /// <returns>The answer.</returns>
    public static ProviderAnswer Retry(int statusCode, string error, TimeSpan? retryAfter = null) => new(AnswerKind.Retry, statusCode, null, error, retryAfter);

    /// <summary>A refusal that retrying would not change.</summary>
    /// <param name="statusCode">The HTTP status.</param>
    /// <param name="error">The provider's code and text.</param>
    /// <returns>The answer.</returns>
    public static ProviderAnswer Reject(int statusCode, string error) => new(AnswerKind.Reject, statusCode, null, error);

    /// <summary>
    /// The usual reading of an HTTP status for providers with plain HTTP semantics: 2xx success; 408, 425, 429 and 5xx
    /// retry (with the wait the response asks for); anything else reject.
    /// </summary>
    /// <param name="response">The response.</param>
    /// <param name="error">The provider's error text, when the status is not a success.</param>
    /// <param name="time">The clock, for Retry-After dates and reset times.</param>
    /// <param name="messageId">The provider's id on success.</param>
    /// <returns>The answer.</returns>
    public static ProviderAnswer FromStatus(HttpResponseMessage response, string? error, TimeProvider time, string? messageId = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            return Success(status, messageId);
        }

        var text = $"HTTP {status}" + (string.IsNullOrWhiteSpace(error) ? string.Empty : ": " + error);
        return IsRetryable(response.StatusCode) ? Retry(status, text, RetryAfterOf(response, time)) : Reject(status, text);
    }

    /// <summary>Whether an HTTP status says "not done, try again": 408, 425, 429 and 5xx.</summary>
    /// <param name="status">The status.</param>
    /// <returns><see langword="true"/> when a retry is safe.</returns>
    public static bool IsRetryable(HttpStatusCode status) => status is HttpStatusCode.RequestTimeout or (HttpStatusCode)425 or HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <summary>
    /// The wait a response asks for: <c>Retry-After</c> (seconds or an HTTP date), else a rate-limit reset header
    /// (<c>X-RateLimit-Reset</c> in Unix seconds, as SendGrid sends) when the response is a 429.
    /// </summary>
    /// <param name="response">The response.</param>
    /// <param name="time">The clock.</param>
    /// <returns>The wait (never negative), or <see langword="null"/> when the response names none.</returns>
    public static TimeSpan? RetryAfterOf(HttpResponseMessage response, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(time);
        TimeSpan? wait = null;
        if (response.Headers.RetryAfter is { } retryAfter)
        {
            wait = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - time.GetUtcNow() : null);
        }
        else if (response.StatusCode == HttpStatusCode.TooManyRequests
            && response.Headers.TryGetValues("X-RateLimit-Reset", out var values)
            && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var reset)
            && reset is > 0 and < 100_000_000_000)
        {
            wait = DateTimeOffset.FromUnixTimeSeconds(reset) - time.GetUtcNow();
        }

        return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
    }
}
