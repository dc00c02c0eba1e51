using System.Web;

namespace Ecrm.Attribution;

/// <summary>
/// A campaign or medium code carried by an event: what brought the customer. Read from, in order: a campaign's own
/// messages and the customer's opens and clicks (<c>campaignCode</c> with the channel it went out on as medium; hold-outs,
/// delivery receipts and failures are not touches), a WeChat QR scene (<c>sceneCode</c> on a
/// follow or scan, medium <c>wechat-qr</c>), UTM parameters on a link (<c>utm_campaign</c>, <c>utm_medium</c>, else
/// <c>utm_source</c>), and a coupon (<c>custom.coupon</c>, medium <c>coupon</c>).
/// </summary>
/// <param name="Campaign">The campaign, QR scene or coupon code.</param>
/// <param name="Medium">The medium: a channel name, <c>wechat-qr</c>, a UTM medium, <c>coupon</c>.</param>
/// <param name="At">When the touch happened.</param>
public sealed record Touchpoint(string Campaign, string Medium, DateTimeOffset At)
{
    private static readonly HashSet<string> NotTouches = new(StringComparer.Ordinal) { "campaign-held-out", "campaign-delivered", "campaign-failed" };

    /// <summary>Reads an event's touch, if it carries one.</summary>
    /// <param name="e">The event.</param>
    /// <returns>The touch, or null.</returns>
    public static Touchpoint? Read(CustomerEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (NotTouches.Contains(e.Type.Name))
        {
            return null; // a hold-out reached nobody; receipts and failures are not the customer's touches
        }

        var p = e.Properties;
        if (p?.CampaignCode is { Length: > 0 } campaign)
        {
            var medium = p.Custom?.GetValueOrDefault("channel") is { Length: > 0 } sentOn ? sentOn : e.Channel.Name;
            return new Touchpoint(campaign, medium, e.OccurredAt);
        }

        if (p?.SceneCode is { Length: > 0 } scene && e.Channel == EventChannel.WeChat)
        {
            return new Touchpoint(scene, "wechat-qr", e.OccurredAt);
        }

        if (p?.Url is { Length: > 0 } url && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Query.Length > 1)
        {
            var query = HttpUtility.ParseQueryString(uri.Query);
            if (query["utm_campaign"] is { Length: > 0 } utm)
            {
                return new Touchpoint(utm, query["utm_medium"] is { Length: > 0 } m ? m : query["utm_source"] is { Length: > 0 } s ? s : e.Channel.Name, e.OccurredAt);
            }
        }

        if (p?.Custom?.GetValueOrDefault("coupon") is { Length: > 0 } coupon)
        {
            return new Touchpoint(coupon, "coupon", e.OccurredAt);
        }

        return null;
    }
}
