using System.Globalization;
using Ecrm.Attribution;
using Ecrm.Campaigns;
using Ecrm.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Ecrm.SampleHost.Rendering;

/// <summary>
/// The demo's campaign, end to end: accessories for phone buyers who have none, on WeChat, SMS or e-mail by consent,
/// run as of the day after the generated data ends, through the demo senders; then simulated responses, the results
/// with uplift against the hold-out group, and attribution of the whole data set by campaign and medium.
/// </summary>
internal static class CampaignSummary
{
    public const string Code = "accessory-push";
    private const double TreatedResponse = 0.18;
    private const double BaselineResponse = 0.06;

    public static async Task WriteAsync(TextWriter o, IServiceProvider services, ICustomerGraph graph, DateTimeOffset dataEnd, CancellationToken cancellationToken)
    {
        var campaigns = services.GetRequiredService<ICampaigns>();
        var clock = services.GetRequiredService<DemoClock>();
        var runAt = new DateTimeOffset(dataEnd.UtcDateTime.Date, TimeSpan.Zero).AddDays(1).AddHours(2); // 10:00 in Shanghai
        campaigns.Define(new CampaignDefinition
        {
            Code = Code,
            Name = "手机配件推荐 / accessories for new phones",
            Segment = "accessory-prospects",
            Channels = [EventChannel.WeChat, EventChannel.Sms, EventChannel.Email],
            HoldOut = 0.2,
            ConversionWindow = TimeSpan.FromDays(14),
            Messages =
            [
                new CampaignMessage { Channel = EventChannel.WeChat, TemplateId = "accessory-offer", TemplateData = new Dictionary<string, string> { ["thing1"] = "{name}，您的新手机配件到了", ["thing2"] = "{recommendation}", ["amount3"] = "会员积分 {points}" }, Link = "https://shop.example.com/accessories?utm_campaign={campaign}&utm_medium=wechat" },
                new CampaignMessage { Channel = EventChannel.Sms, TemplateId = "SMS_ACCESSORY", TemplateData = new Dictionary<string, string> { ["name"] = "{name}", ["item"] = "{recommendation}" } },
                new CampaignMessage { Channel = EventChannel.Email, Subject = "{name}，为您的新手机挑了{recommendation}", Text = "{reason}。" },
                new CampaignMessage { Channel = EventChannel.Email, Language = "en", Subject = "{name}, picked for your new phone: {recommendation}", Text = "{reason}." },
            ],
        });

        CampaignRun run;
        using (clock.At(runAt))
        {
            run = await campaigns.RunAsync(Code, cancellationToken);
        }

        var suppressed = string.Join(", ", Enum.GetValues<Suppression>().Where(s => s != Suppression.None)
            .Select(s => string.Create(CultureInfo.InvariantCulture, $"{Words(s)} {run.Suppressed.GetValueOrDefault(s):N0}")));
        var sent = run.Sent.Count == 0 ? "none new" : string.Join(", ", run.Sent.OrderByDescending(p => p.Value).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value:N0}")));
        await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Campaign {Code} (segment accessory-prospects, run as of {runAt.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd HH:mm} +08:00 through demo senders): audience {run.Audience:N0}, sent {sent}; {suppressed}; {run.AlreadyHandled:N0} handled by earlier runs."));

        await SimulateResponsesAsync(services, graph, runAt, cancellationToken);
        var results = await campaigns.GetResultsAsync(Code, cancellationToken);
        var uplift = results.Uplift is { } u
            ? string.Create(CultureInfo.InvariantCulture, $"uplift {u.Difference * 100:+0.0;-0.0} points (95% CI {u.Low * 100:+0.0;-0.0} to {u.High * 100:+0.0;-0.0}{(u.Significant ? ", significant" : ", not significant")})")
            : "no uplift (a group is empty)";
        await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Campaign results (simulated responses within 14 days: {TreatedResponse * 100:F0}% of those sent buy an accessory, {BaselineResponse * 100:F0}% of those held out): conversions {results.Conversions:N0} of {results.Sent:N0} sent ({Rate(results.Conversions, results.Sent)}) vs {results.ControlConversions:N0} of {results.HeldOut:N0} held out ({Rate(results.ControlConversions, results.HeldOut)}): {uplift}; revenue ¥{results.Revenue:N0}."));

        var report = await services.GetRequiredService<IAttribution>().ReportAsync(new AttributionQuery { Model = AttributionModel.LastTouch, Window = TimeSpan.FromDays(30) }, cancellationToken);
        await o.WriteLineAsync("Attribution (last touch, 30 days) by campaign: " + string.Join("; ", report.ByCampaign.Take(5).Select(Row)) + ".");
        await o.WriteLineAsync("Attribution by medium: " + string.Join("; ", report.ByMedium.Take(5).Select(Row))
            + string.Create(CultureInfo.InvariantCulture, $"; no touch: {report.Unattributed.Orders:N0} orders, ¥{report.Unattributed.Revenue:N0}."));
    }

    private static string Row(AttributionRow r) => string.Create(CultureInfo.InvariantCulture,
        $"{r.Key} ¥{r.Revenue:N0} from {r.Orders:N0} orders, {r.NewCustomers:N0} new customers, {r.Followers:N0} followers");

    private static string Rate(int part, int whole) => whole == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{100.0 * part / whole:F1}%");

    private static string Words(Suppression s) => s switch
    {
        Suppression.NoConsent => "no consent",
        Suppression.Unreachable => "unreachable",
        Suppression.FrequencyCap => "frequency cap",
        Suppression.QuietHours => "quiet hours",
        _ => "held out",
    };

    /// <summary>
    /// What happens next, simulated: each member sent the campaign or held out buys a charger within two weeks, with a
    /// chance that is higher for those sent it. Deterministic per customer (ids and draws), so a second run adds nothing.
    /// </summary>
    private static async Task SimulateResponsesAsync(IServiceProvider services, ICustomerGraph graph, DateTimeOffset runAt, CancellationToken cancellationToken)
    {
        var events = new List<CustomerEvent>();
        foreach (var member in await services.GetRequiredService<ICampaigns>().GetMembersAsync(Code, cancellationToken))
        {
            var id = member.CustomerId;
            var draw = Draw(id);
            if (draw >= (member.HeldOut ? BaselineResponse : TreatedResponse) || await services.GetRequiredService<CustomerStore>().GetProfileAsync(id, cancellationToken) is not { Identities.Count: > 0 } profile)
            {
                continue;
            }

            events.Add(new CustomerEvent
            {
                Id = $"demo-response:{Code}:{id}",
                Channel = EventChannel.Shop,
                Type = EventType.Purchase,
                OccurredAt = runAt.AddHours(6 + (draw * 1000 % 300)),
                Identities = [profile.Identities[0].Identity],
                Properties = new EventProperties { Amount = 129m, Currency = "CNY", LineItems = [new LineItem { Sku = "CH-65W", Name = "65W 快充充电器", Category = "手机配件", UnitPrice = 129m }] },
            });
        }

        await graph.IngestBatchAsync(events, cancellationToken);
    }

    /// <summary>A uniform draw in [0, 1) from the customer id (FNV-1a).</summary>
    private static double Draw(string id)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in id)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return (hash >> 11) * (1.0 / (1UL << 53));
    }
}
