namespace Ecrm.Outbound;

/// <summary>Whether repeating an attempt whose answer was lost is safe.</summary>
public enum RepeatSafety
{
    /// <summary>
    /// A repeat cannot do harm: the call is a read, or the provider recognises the repeat (an idempotency key such as
    /// WeChat's <c>client_msg_id</c>). Timeouts and dropped connections are retried.
    /// </summary>
    Safe,

    /// <summary>
    /// A repeat could act twice (send a second SMS or e-mail). After a timeout or a dropped connection the call asks the
    /// provider what happened when it can (a reconciliation), and otherwise reports the outcome as unknown instead of
    /// retrying. Answers that say "not done" (429, 503, busy codes) and refused connections are still retried.
    /// </summary>
    Unsafe,
}
