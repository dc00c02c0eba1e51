namespace Ecrm.ProviderStubs;

/// <summary>A failure a stub injects instead of (or after) doing what was asked.</summary>
public enum FaultKind
{
    /// <summary>HTTP 500 or 503 (alternating), nothing done.</summary>
    ServerError,

    /// <summary>HTTP 429 with Retry-After (and SendGrid's rate-limit headers), nothing done.</summary>
    Throttled,

    /// <summary>The provider's own "busy, try again" answer in a 200 (WeChat errcode -1, Aliyun isp.SYSTEM_ERROR), nothing done.</summary>
    Busy,

    /// <summary>No answer until the client gives up; nothing done (the request never got its turn).</summary>
    Hang,

    /// <summary>Done, then the connection is dropped without an answer: the client cannot know it was done.</summary>
    LoseAnswer,
}
