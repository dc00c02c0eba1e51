namespace Ecrm.Campaigns;

/// <summary>A campaign's results: reach, delivery and conversions, and uplift against the hold-out group.</summary>
/// <param name="Code">The campaign.</param>
/// <param name="Sent">Members sent to (accepted or unconfirmed), over every run.</param>
/// <param name="HeldOut">Members held out.</param>
/// <param name="Delivered">Delivery receipts that came back (campaign-delivered events).</param>
/// <param name="Opened">Opens reported (campaign-opened events).</param>
/// <param name="Clicked">Clicks reported (campaign-clicked events).</param>
/// <param name="Conversions">Members sent to who bought within the conversion window (or for whom a channel reported a <c>campaign-converted</c> event of the campaign).</param>
/// <param name="ControlConversions">Members held out who bought within the window.</param>
/// <param name="Revenue">What the converted members sent to spent within the window (currency of the purchases, summed as numbers).</param>
/// <param name="Uplift">The uplift and its 95% interval, when both groups have members.</param>
public sealed record CampaignResults(
    string Code,
    int Sent,
    int HeldOut,
    int Delivered,
    int Opened,
    int Clicked,
    int Conversions,
    int ControlConversions,
    decimal Revenue,
    Uplift? Uplift)
{
    /// <summary>Gets delivered / sent (0 when nothing was sent).</summary>
    public double DeliveryRate => Sent == 0 ? 0 : (double)Delivered / Sent;
}
