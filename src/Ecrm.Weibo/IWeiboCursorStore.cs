namespace Ecrm.Weibo;

/// <summary>Keeps each timeline's cursor (the largest id ingested) so polling resumes where it stopped after a restart.</summary>
public interface IWeiboCursorStore
{
    /// <summary>Reads a timeline's cursor.</summary>
    /// <param name="timeline">The timeline.</param>
    /// <param name="cancellationToken">A token to cancel the read.</param>
    /// <returns>The largest id ingested, or 0 when the timeline was never polled.</returns>
    ValueTask<long> LoadAsync(WeiboTimeline timeline, CancellationToken cancellationToken = default);

    /// <summary>Durably records a timeline's cursor (called only after the items up to it were ingested).</summary>
    /// <param name="timeline">The timeline.</param>
    /// <param name="sinceId">The largest id ingested.</param>
    /// <param name="cancellationToken">A token to cancel the write.</param>
    /// <returns>A task that completes when the cursor is on disk.</returns>
    ValueTask SaveAsync(WeiboTimeline timeline, long sinceId, CancellationToken cancellationToken = default);
}
