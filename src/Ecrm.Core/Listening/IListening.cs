namespace Ecrm.Listening;

/// <summary>
/// The SDK's ears: reads every comment, review, mention and message as it is ingested, raises early-warning alerts,
/// detects surges, tracks complaint topics, brand share and feature requests. Register with <c>AddListening</c>.
/// </summary>
/// <remarks>
/// State is rebuilt from the store's events when first used, so it survives restarts wherever the store does:
/// acknowledgements and resolutions are ingested as events (channel <c>listening</c>, types <c>alert-acknowledged</c> and
/// <c>alert-resolved</c>) and appear in the customer's timeline. Notifications are not re-sent for the history.
/// </remarks>
public interface IListening
{
    /// <summary>Reads one text without recording anything: sentiment, aspects, brands, request.</summary>
    /// <param name="text">The text.</param>
    /// <returns>What listening reads from it.</returns>
    TextAnalysis Analyze(string text);

    /// <summary>Gets alerts, most severe first.</summary>
    /// <param name="status">Only alerts in this status; all when null.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The alerts.</returns>
    ValueTask<IReadOnlyList<Alert>> GetAlertsAsync(AlertStatus? status = null, CancellationToken cancellationToken = default);

    /// <summary>Gets one alert.</summary>
    /// <param name="alertId">The alert's id.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The alert, or null when unknown.</returns>
    ValueTask<Alert?> GetAlertAsync(string alertId, CancellationToken cancellationToken = default);

    /// <summary>Records that someone has taken an alert (idempotent: a second acknowledgement changes nothing).</summary>
    /// <param name="alertId">The alert's id.</param>
    /// <param name="by">Who took it (a staff id or name).</param>
    /// <param name="note">An optional note.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The alert after the change.</returns>
    /// <exception cref="EcrmException">The alert is unknown.</exception>
    ValueTask<Alert> AcknowledgeAsync(string alertId, string by, string? note = null, CancellationToken cancellationToken = default);

    /// <summary>Records that an alert was answered and closed (idempotent).</summary>
    /// <param name="alertId">The alert's id.</param>
    /// <param name="by">Who resolved it.</param>
    /// <param name="note">How it was resolved.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The alert after the change.</returns>
    /// <exception cref="EcrmException">The alert is unknown.</exception>
    ValueTask<Alert> ResolveAsync(string alertId, string by, string? note = null, CancellationToken cancellationToken = default);

    /// <summary>Gets how fast alerts are answered.</summary>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>Counts and times to respond.</returns>
    ValueTask<ResponseTimes> GetResponseTimesAsync(CancellationToken cancellationToken = default);

    /// <summary>Gets the surges detected, oldest first.</summary>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The surges.</returns>
    ValueTask<IReadOnlyList<Surge>> GetSurgesAsync(CancellationToken cancellationToken = default);

    /// <summary>Gets complaint topics: each aspect's complaints in a window against the window before, most complained first.</summary>
    /// <param name="window">The window's length (whole hours count).</param>
    /// <param name="asOf">The window's end; now when null.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The aspects with any mention in either window.</returns>
    ValueTask<IReadOnlyList<TopicTrend>> GetTopicTrendsAsync(TimeSpan window, DateTimeOffset? asOf = null, CancellationToken cancellationToken = default);

    /// <summary>Gets each tracked brand's share of mentions and sentiment over a period, own brand first.</summary>
    /// <param name="from">The period's start; the beginning when null.</param>
    /// <param name="to">The period's end (exclusive); now when null.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>Every tracked brand, mentioned or not.</returns>
    ValueTask<IReadOnlyList<BrandShare>> GetBrandShareAsync(DateTimeOffset? from = null, DateTimeOffset? to = null, CancellationToken cancellationToken = default);

    /// <summary>Gets the feature requests, grouped, largest group first.</summary>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The groups.</returns>
    ValueTask<IReadOnlyList<FeatureRequestGroup>> GetFeatureRequestsAsync(CancellationToken cancellationToken = default);

    /// <summary>Waits until every notification raised so far has been handed to every sink.</summary>
    /// <param name="cancellationToken">A token to cancel the wait.</param>
    /// <returns>A task that completes when delivered.</returns>
    ValueTask FlushAsync(CancellationToken cancellationToken = default);
}
