namespace Ecrm.Insights;

/// <summary>Hears segment entries and exits as they happen (after ingestion, or on the re-evaluation schedule).</summary>
public interface ISegmentMembershipObserver
{
    /// <summary>Called with the changes of one unit of work; exceptions are logged and do not stop other observers.</summary>
    /// <param name="changes">The entries and exits.</param>
    /// <param name="cancellationToken">Cancels the notification.</param>
    /// <returns>A task that completes when handled.</returns>
    ValueTask OnMembershipChangedAsync(IReadOnlyList<SegmentMembershipChange> changes, CancellationToken cancellationToken);
}
