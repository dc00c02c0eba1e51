namespace Ecrm.Listening;

/// <summary>
/// An early warning: negative words from one customer about one post (or on one channel within the repeat window), how
/// severe they are, who said them, and how the company answered. Immutable: each change yields a new instance.
/// </summary>
public sealed record Alert
{
    /// <summary>Gets the alert's id: stable across restarts (derived from the first event's id).</summary>
    public required string Id { get; init; }

    /// <summary>Gets the customer's id when the alert last changed.</summary>
    public required string CustomerId { get; init; }

    /// <summary>Gets the customer's 360 view when the alert was raised or last repeated (null after a restart for closed alerts).</summary>
    public Customer360? Customer { get; init; }

    /// <summary>Gets the channel the words were written on.</summary>
    public required string Channel { get; init; }

    /// <summary>Gets the post the words were about, if any (repeats on the same post join this alert).</summary>
    public string? TargetPostId { get; init; }

    /// <summary>Gets the alert's texts, newest last (at most <see cref="ListeningOptions.TextsPerAlert"/>).</summary>
    public required IReadOnlyList<AlertText> Texts { get; init; }

    /// <summary>Gets the most negative score among the alert's texts.</summary>
    public required double Sentiment { get; init; }

    /// <summary>Gets the severity, from 0 to 100 (see <see cref="AlertSeverityOptions"/>).</summary>
    public required double Severity { get; init; }

    /// <summary>Gets the level the severity falls in.</summary>
    public required AlertLevel Level { get; init; }

    /// <summary>Gets the author's reach, as used for the severity.</summary>
    public required AlertReach Reach { get; init; }

    /// <summary>Gets the aspects complained about in the alert's texts.</summary>
    public required IReadOnlyList<string> Aspects { get; init; }

    /// <summary>Gets how many negative texts the alert groups.</summary>
    public required int Occurrences { get; init; }

    /// <summary>Gets when the first text was written: the clock for time-to-respond.</summary>
    public required DateTimeOffset RaisedAt { get; init; }

    /// <summary>Gets when the latest text was written.</summary>
    public required DateTimeOffset LastSeenAt { get; init; }

    /// <summary>Gets where the alert is in its handling.</summary>
    public AlertStatus Status { get; init; }

    /// <summary>Gets when it was acknowledged.</summary>
    public DateTimeOffset? AcknowledgedAt { get; init; }

    /// <summary>Gets who acknowledged it.</summary>
    public string? AcknowledgedBy { get; init; }

    /// <summary>Gets when it was resolved.</summary>
    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>Gets who resolved it.</summary>
    public string? ResolvedBy { get; init; }

    /// <summary>Gets the note left on resolution (or acknowledgement).</summary>
    public string? Note { get; init; }

    /// <summary>Gets the time from the first text to the acknowledgement (resolving without acknowledging counts as both).</summary>
    public TimeSpan? TimeToAcknowledge => (AcknowledgedAt ?? ResolvedAt) - RaisedAt;

    /// <summary>Gets the time from the first text to the resolution.</summary>
    public TimeSpan? TimeToResolve => ResolvedAt - RaisedAt;
}
