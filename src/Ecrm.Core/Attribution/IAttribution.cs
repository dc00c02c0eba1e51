namespace Ecrm.Attribution;

/// <summary>Attributes follows, first purchases and purchases to the campaigns and media that preceded them.</summary>
public interface IAttribution
{
    /// <summary>Builds a report over every customer's events.</summary>
    /// <param name="query">The model, window and period (defaults: last touch, 30 days, all time).</param>
    /// <param name="cancellationToken">A token to cancel the work.</param>
    /// <returns>The report.</returns>
    ValueTask<AttributionReport> ReportAsync(AttributionQuery? query = null, CancellationToken cancellationToken = default);
}
