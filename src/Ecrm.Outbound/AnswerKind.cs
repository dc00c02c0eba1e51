namespace Ecrm.Outbound;

/// <summary>How a provider's answer to one attempt is read.</summary>
public enum AnswerKind
{
    /// <summary>The provider did what was asked.</summary>
    Success,

    /// <summary>The provider did not do it and says so in a way that makes a retry safe (busy, throttled, 5xx, connection refused).</summary>
    Retry,

    /// <summary>The provider refused for good (bad request, bad credentials, recipient unknown): retrying would not help.</summary>
    Reject,

    /// <summary>The attempt may or may not have taken effect (its answer was lost) and the provider cannot tell: not retried.</summary>
    Unknown,
}
