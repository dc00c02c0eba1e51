using Ecrm.Campaigns;
using Ecrm.Messaging;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.DependencyInjection;
using static Ecrm.Core.Tests.Campaigns.CampaignHarness;

namespace Ecrm.Core.Tests.Campaigns;

public sealed class CampaignTests
{
    [Fact]
    public async Task Run_SendsOnlyWithConsent_OnTheFirstReachableChannel_Personalised()
    {
        await using var h = new CampaignHarness();
        for (var p = 0; p < 40; p++)
        {
            await h.BuyerAsync(p, email: p % 4 != 3, wechat: p % 5 == 0, language: p % 2 == 0 ? "zh-CN" : "en-GB");
            if (p % 4 != 2)
            {
                await h.ConsentAsync(p, "email", given: true); // p % 4 == 2: never opted in to e-mail
            }
        }

        h.Campaigns.Define(Campaign());
        var run = await h.Campaigns.RunAsync("summer-sale");
        Assert.Equal(40, run.Audience);

        var delivered = h.Delivered.ToList();
        foreach (var (message, _, _) in delivered)
        {
            var person = int.Parse(message.IdempotencyKey.Split(':')[1] is var id && id.Length > 0 ? (await h.Graph.GetAsync(id))!.Profile.Identities.First(i => i.Identity.Kind == IdentityKind.Phone).Identity.Value[6..] : "0", System.Globalization.CultureInfo.InvariantCulture);
            var channel = message.Recipient.Kind == IdentityKind.WeChatOpenId ? "wechat" : message.Recipient.Kind == IdentityKind.Email ? "email" : "sms";
            // WeChat followers (p % 5 == 0) are reached there; the others by e-mail when they opted in and have an address.
            Assert.Equal(person % 5 == 0 ? "wechat" : "email", channel);
            Assert.True(person % 5 == 0 || (person % 4 is 0 or 1), $"person {person} had no e-mail consent or address: {message}");
            Assert.Equal(MessagePurpose.Marketing, message.Purpose);
            Assert.Equal("summer-sale", message.CampaignCode);
        }

        var mail = delivered.Select(d => d.Message).Where(m => m.Recipient.Kind == IdentityKind.Email).ToList();
        Assert.Contains(mail, m => m.Subject!.StartsWith("顾客", StringComparison.Ordinal) && m.Subject.Contains("为您推荐", StringComparison.Ordinal));
        Assert.Contains(mail, m => m.Subject!.Contains("picked for you", StringComparison.Ordinal));
        Assert.All(mail, m => Assert.Contains("of buyers of", m.Text, StringComparison.Ordinal)); // the recommendation's reason
        var wechat = delivered.Select(d => d.Message).Where(m => m.Recipient.Kind == IdentityKind.WeChatOpenId).ToList();
        Assert.All(wechat, m => Assert.Equal("https://shop.example.com/sale?utm_campaign=summer-sale", m.Link!.AbsoluteUri));

        Assert.Equal(8, run.Suppressed.GetValueOrDefault(Suppression.NoConsent));   // p % 4 == 2, except WeChat followers 10 and 30
        Assert.Equal(8, run.Suppressed.GetValueOrDefault(Suppression.Unreachable)); // p % 4 == 3 (no address), except 15 and 35
        Assert.True(run.Suppressed.GetValueOrDefault(Suppression.HoldOut) > 0);
        Assert.Equal(delivered.Count, run.Sent.Values.Sum());

        // Running again sends nothing more: everyone is handled or still without consent.
        var again = await h.Campaigns.RunAsync("summer-sale");
        Assert.Equal(delivered.Count, h.Delivered.Count());
        Assert.Equal(delivered.Count + run.Suppressed.GetValueOrDefault(Suppression.HoldOut), again.AlreadyHandled);
    }

    [Fact]
    public async Task Unfollow_FallsBackToTheNextChannel()
    {
        await using var h = new CampaignHarness();
        var id = await h.BuyerAsync(1, email: false, wechat: true);
        await h.ConsentAsync(1, "sms", given: true);
        await h.Graph.IngestAsync(new CustomerEvent { Id = "unfollow-1", Channel = EventChannel.WeChat, Type = EventType.Unfollow, OccurredAt = Afternoon.AddDays(-1), Identities = [Identity.WeChatOpenId(AppId, "openid-1")] });
        h.Campaigns.Define(Campaign() with { HoldOut = 0 });
        await h.Campaigns.RunAsync("summer-sale");
        var (message, _, _) = Assert.Single(h.Delivered);
        Assert.Equal(IdentityKind.Phone, message.Recipient.Kind);
        Assert.Equal("顾客1", message.TemplateData!["name"]);
        Assert.Equal($"summer-sale:{id}", message.IdempotencyKey);
    }

    [Fact]
    public async Task FrequencyCap_HoldsAcrossCampaigns()
    {
        await using var h = new CampaignHarness(configure: o => o.MaxMessagesPerWindow = 2);
        await h.BuyerAsync(1);
        await h.ConsentAsync(1, "email", given: true);
        foreach (var code in new[] { "first", "second", "third" })
        {
            h.Campaigns.Define(Campaign(code, EventChannel.Email) with { HoldOut = 0 });
            var run = await h.Campaigns.RunAsync(code);
            Assert.Equal(code == "third" ? 1 : 0, run.Suppressed.GetValueOrDefault(Suppression.FrequencyCap));
        }

        Assert.Equal(2, h.Delivered.Count());
        h.Clock.Advance(TimeSpan.FromDays(8)); // the window passed
        Assert.Equal(1, (await h.Campaigns.RunAsync("third")).Sent.Values.Sum());
    }

    [Fact]
    public async Task QuietHours_Wait_AndTheNextRunSends()
    {
        await using var h = new CampaignHarness();
        await h.BuyerAsync(1);
        await h.ConsentAsync(1, "email", given: true);
        h.Campaigns.Define(Campaign(channels: EventChannel.Email) with { HoldOut = 0 });
        h.Clock.Advance(TimeSpan.FromHours(8)); // 22:00 in Shanghai
        Assert.Equal(1, (await h.Campaigns.RunAsync("summer-sale")).Suppressed[Suppression.QuietHours]);
        Assert.Empty(h.Delivered);
        h.Clock.Advance(TimeSpan.FromHours(12)); // 10:00
        Assert.Equal(1, (await h.Campaigns.RunAsync("summer-sale")).Sent["email"]);
    }

    [Fact]
    public async Task FailedSends_AreRetried_UnconfirmedOnesAreNot()
    {
        var attempts = 0;
        await using var h = new CampaignHarness(outcome: m => Interlocked.Increment(ref attempts) switch { 1 => SendStatus.Failed, 2 => SendStatus.Unconfirmed, _ => SendStatus.Sent });
        await h.BuyerAsync(1);
        await h.BuyerAsync(2);
        await h.ConsentAsync(1, "email", given: true);
        await h.ConsentAsync(2, "email", given: true);
        h.Campaigns.Define(Campaign(channels: EventChannel.Email) with { HoldOut = 0 });
        var first = await h.Campaigns.RunAsync("summer-sale");
        Assert.Equal((1, 1), (first.Failed, first.Unconfirmed));
        var second = await h.Campaigns.RunAsync("summer-sale");
        Assert.Equal(1, second.Sent.Values.Sum()); // the failed one, once
        Assert.Equal(3, h.Delivered.Count());
        Assert.Equal(0, (await h.Campaigns.RunAsync("summer-sale")).Sent.Values.Sum());
    }

    [Fact]
    public async Task Results_MeasureConversionsAndUpliftAgainstTheHoldOut()
    {
        await using var h = new CampaignHarness();
        for (var p = 0; p < 400; p++)
        {
            await h.BuyerAsync(p);
            await h.ConsentAsync(p, "email", given: true);
        }

        h.Campaigns.Define(Campaign(channels: EventChannel.Email) with { HoldOut = 0.3, ConversionWindow = TimeSpan.FromDays(7) });
        await h.Campaigns.RunAsync("summer-sale");
        var sentTo = h.Delivered.Select(d => d.Message.IdempotencyKey.Split(':')[1]).ToHashSet();

        // After the send, 40% of those sent to buy within the week, 10% of the held-out; purchases before the send do not count.
        h.Clock.Advance(TimeSpan.FromDays(2));
        var random = new Random(3);
        for (var p = 0; p < 400; p++)
        {
            var id = (await h.Graph.ResolveAsync(Identity.Phone(Phone(p))))!;
            if (random.NextDouble() < (sentTo.Contains(id) ? 0.4 : 0.1))
            {
                await h.BuyAgainAsync(p, h.Clock.GetUtcNow());
            }

            await h.BuyAgainAsync(p, Afternoon.AddDays(-5)); // before the send: not a conversion
        }

        var results = await h.Campaigns.GetResultsAsync("summer-sale");
        Assert.Equal(400, results.Sent + results.HeldOut);
        Assert.InRange(results.HeldOut, 90, 150);
        Assert.Equal(sentTo.Count, results.Sent);
        var uplift = results.Uplift!;
        Assert.InRange(uplift.TreatmentRate, 0.3, 0.5);
        Assert.InRange(uplift.ControlRate, 0.03, 0.2);
        Assert.True(uplift.Significant);
        Assert.True(uplift.Low > 0 && uplift.Low < uplift.Difference && uplift.Difference < uplift.High);
        Assert.Equal(results.Conversions * 120m, results.Revenue);
        Assert.Equal(0, results.Delivered);
    }

    [Fact]
    public async Task WeChatTemplateReceipts_CountAsDeliveries_ByMsgId()
    {
        await using var h = new CampaignHarness();
        var id = await h.BuyerAsync(1, wechat: true);
        h.Campaigns.Define(Campaign(channels: EventChannel.WeChat) with { HoldOut = 0 });
        await h.Campaigns.RunAsync("summer-sale");
        var msgId = "id-summer-sale:" + id; // the recording sender's provider id
        await h.Graph.IngestAsync(new CustomerEvent
        {
            Id = "wechat-job-finish",
            Channel = EventChannel.WeChat,
            Type = EventType.CampaignDelivered,
            OccurredAt = Afternoon.AddMinutes(5),
            Identities = [Identity.WeChatOpenId(AppId, "openid-1")],
            Properties = new EventProperties { Custom = new Dictionary<string, string> { ["template-msg-id"] = msgId } },
        });
        var results = await h.Campaigns.GetResultsAsync("summer-sale");
        Assert.Equal((1, 1, 1.0), (results.Sent, results.Delivered, results.DeliveryRate));
    }

    [Fact]
    public void Definitions_AreValidated_AndChannelsNeedASender()
    {
        var services = new ServiceCollection();
        services.AddEcrm().AddCampaigns();
        using var provider = services.BuildServiceProvider();
        var campaigns = provider.GetRequiredService<ICampaigns>();
        Assert.Contains("sender for channel wechat", Assert.Throws<EcrmException>(() => campaigns.Define(Campaign())).Message, StringComparison.Ordinal);
        Assert.Contains("Code", Assert.Throws<EcrmException>(() => campaigns.Define(Campaign("Bad Code"))).Message, StringComparison.Ordinal);
        Assert.Contains("HoldOut", Assert.Throws<EcrmException>(() => (Campaign() with { HoldOut = 1 }).Validate()).Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Whatever consent people gave or withdrew between runs, and whatever the senders answered, no marketing message
    /// goes to anyone without consent on its channel at the time, and nobody gets the campaign twice.
    /// </summary>
    [Property(MaxTest = 25)]
    public Property NoMarketingWithoutConsent_AndNeverTwice() => Prop.ForAll(
        Gen.Choose(0, int.MaxValue).ToArbitrary(),
        seed =>
        {
            var random = new Random(seed);
            var outcomes = new Random(seed ^ 0x5bd1e995);
            return Task.Run(async () =>
            {
                await using var h = new CampaignHarness(outcome: _ =>
                {
                    lock (outcomes)
                    {
                        return (SendStatus)outcomes.Next(3);
                    }
                });

                // The test's own model of consent: every statement made, per person and channel.
                var model = new Dictionary<(int, string), List<(DateTimeOffset At, bool Given)>>();
                for (var p = 0; p < 30; p++)
                {
                    await h.BuyerAsync(p, email: random.Next(4) > 0, wechat: random.Next(3) == 0);
                }

                h.Campaigns.Define(Campaign() with { HoldOut = 0.1 });
                var violations = new List<string>();
                for (var round = 0; round < 3; round++)
                {
                    for (var change = 0; change < 15; change++)
                    {
                        var p = random.Next(30);
                        var channel = new[] { "sms", "email", "wechat" }[random.Next(3)];
                        var given = random.Next(2) == 0;
                        var at = h.Clock.GetUtcNow().AddMinutes(-15 + change); // in the order they happen
                        await h.ConsentAsync(p, channel, given, at);
                        if (!model.TryGetValue((p, channel), out var said))
                        {
                            model[(p, channel)] = said = [];
                        }

                        said.Add((at, given));
                    }

                    await h.Campaigns.RunAsync("summer-sale");
                    h.Clock.Advance(TimeSpan.FromHours(1));
                }

                foreach (var (message, sentAt, status) in h.Delivered)
                {
                    if (status == SendStatus.Failed)
                    {
                        continue; // refused by the provider: nothing reached the person
                    }

                    var view = await h.Graph.GetAsync(message.IdempotencyKey.Split(':')[1]);
                    var person = int.Parse(view!.Profile.Identities.First(i => i.Identity.Kind == IdentityKind.Phone).Identity.Value[6..], System.Globalization.CultureInfo.InvariantCulture);
                    var channel = message.Recipient.Kind == IdentityKind.WeChatOpenId ? "wechat" : message.Recipient.Kind == IdentityKind.Email ? "email" : "sms";
                    var followed = channel == "wechat" && view.Profile.Identities.Any(i => i.Identity.Kind == IdentityKind.WeChatOpenId);
                    var latest = (model.GetValueOrDefault((person, channel)) ?? []).Where(s => s.At <= sentAt).OrderBy(s => s.At).Select(s => (bool?)s.Given).LastOrDefault();
                    var allowed = latest ?? followed; // a WeChat follow opts in
                    if (!allowed)
                    {
                        violations.Add($"{message.IdempotencyKey} on {channel} at {sentAt:u} without consent");
                    }
                }

                var received = h.Delivered.Where(d => d.Status != SendStatus.Failed).GroupBy(d => d.Message.IdempotencyKey).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
                violations.AddRange(received.Select(k => $"{k} received twice"));
                return violations.Count == 0 ? true : throw new InvalidOperationException(string.Join("; ", violations));
            }).GetAwaiter().GetResult();
        });
}
