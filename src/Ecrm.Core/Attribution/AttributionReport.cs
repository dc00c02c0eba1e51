namespace Ecrm.Attribution;

/// <summary>
/// Followers, customers and revenue gained per campaign and per medium, so media are judged by effect, not by
/// impressions; what no touch preceded is counted as unattributed.
/// </summary>
/// <param name="Query">The query the report answers.</param>
/// <param name="ByCampaign">Rows per campaign, most revenue first.</param>
/// <param name="ByMedium">Rows per medium, most revenue first.</param>
/// <param name="Unattributed">Conversions no touch preceded within the window (key <c>(none)</c>).</param>
public sealed record AttributionReport(AttributionQuery Query, IReadOnlyList<AttributionRow> ByCampaign, IReadOnlyList<AttributionRow> ByMedium, AttributionRow Unattributed);
