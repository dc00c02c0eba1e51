using Ecrm.Consent;
using Ecrm.Messaging;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Ecrm.Core.Tests.Consent;

public sealed class ConsentTests
{
    // 2026-06-01 06:00 UTC is 14:00 in Shanghai: outside the default quiet hours (21:00-09:00).
    private static readonly DateTimeOffset Afternoon = new(2026, 6, 1, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Marketing_NeedsAnOptIn_ServiceDoesNot()
    {
        await using var h = new Harness();
        var id = await h.CustomerAsync(1);
        var marketing = await h.Registry.CheckAsync(id, EventChannel.Email, MessagePurpose.Marketing, Afternoon);
        Assert.False(marketing.Allowed);
        Assert.Equal(ConsentStatus.Unknown, marketing.Status);
        Assert.Contains("no opt-in", marketing.Reason, StringComparison.Ordinal);
        Assert.True((await h.Registry.CheckAsync(id, EventChannel.Email, MessagePurpose.Service, Afternoon)).Allowed);
        Assert.False((await h.Registry.CheckAsync(id, EventChannel.Sms, MessagePurpose.Survey, Afternoon)).Allowed);
    }

    [Fact]
    public async Task OptIn_Allows_ExceptInQuietHours_InTheCustomersTimeZone()
    {
        await using var h = new Harness();
        var id = await h.CustomerAsync(1, Consent(1, "email", "marketing", given: true, Afternoon.AddDays(-1)));
        Assert.True((await h.Registry.CheckAsync(id, EventChannel.Email, MessagePurpose.Marketing, Afternoon)).Allowed);

        var night = new DateTimeOffset(2026, 6, 1, 14, 30, 0, TimeSpan.Zero); // 22:30 in Shanghai
        var quiet = await h.Registry.CheckAsync(id, EventChannel.Email, MessagePurpose.Marketing, night);
        Assert.False(quiet.Allowed);
        Assert.Equal(ConsentStatus.Granted, quiet.Status);
        Assert.Equal(new DateTimeOffset(2026, 6, 2, 1, 0, 0, TimeSpan.Zero), quiet.NotBefore); // 09:00 Shanghai
        Assert.True((await h.Registry.CheckAsync(id, EventChannel.Email, MessagePurpose.Service, night)).Allowed);

        // A customer in London is in the afternoon then.
        await h.Graph.IngestAsync(Event("tz-1", 1, EventType.FromName("profile-update"), Afternoon.AddDays(-2), profile: new ProfileAttributes { Custom = new Dictionary<string, string> { ["time-zone"] = "Europe/London" } }));
        Assert.True((await h.Registry.CheckAsync(id, EventChannel.Email, MessagePurpose.Marketing, night)).Allowed);
    }

    [Fact]
    public async Task WeChatFollowGrants_UnfollowWithdrawsAtOnce()
    {
        await using var h = new Harness();
        var id = await h.CustomerAsync(1, Event("f1", 1, EventType.Follow, Afternoon.AddDays(-3), EventChannel.WeChat));
        Assert.True((await h.Registry.CheckAsync(id, EventChannel.WeChat, MessagePurpose.Marketing, Afternoon)).Allowed);
        await h.Graph.IngestAsync(Event("u1", 1, EventType.Unfollow, Afternoon.AddDays(-1), EventChannel.WeChat));
        var after = await h.Registry.CheckAsync(id, EventChannel.WeChat, MessagePurpose.Service, Afternoon);
        Assert.False(after.Allowed);
        Assert.Contains("withdrawn", after.Reason, StringComparison.Ordinal);
        await h.Graph.IngestAsync(Event("f2", 1, EventType.Follow, Afternoon.AddHours(-1), EventChannel.WeChat));
        Assert.True((await h.Registry.CheckAsync(id, EventChannel.WeChat, MessagePurpose.Marketing, Afternoon)).Allowed);
    }

    [Theory]
    [InlineData("TD", false)]
    [InlineData(" td ", false)]
    [InlineData("退订", false)]
    [InlineData("STOP", false)]
    [InlineData("什么时候发货", true)]
    public async Task SmsReplies_Unsubscribe(string reply, bool stillAllowed)
    {
        await using var h = new Harness();
        var id = await h.CustomerAsync(1, Consent(1, "sms", "all", given: true, Afternoon.AddDays(-5)));
        await h.Graph.IngestAsync(Event("reply", 1, EventType.Message, Afternoon.AddDays(-1), EventChannel.Sms, text: reply));
        Assert.Equal(stillAllowed, (await h.Registry.CheckAsync(id, EventChannel.Sms, MessagePurpose.Marketing, Afternoon)).Allowed);
        Assert.True((await h.Registry.CheckAsync(id, EventChannel.Sms, MessagePurpose.Service, Afternoon)).Allowed);
    }

    [Fact]
    public async Task EmailUnsubscribe_WithdrawsEmailMarketingOnly()
    {
        await using var h = new Harness();
        var id = await h.CustomerAsync(1, Consent(1, "all", "all", given: true, Afternoon.AddDays(-5)));
        await h.Graph.IngestAsync(Event("unsub", 1, ConsentEvents.Unsubscribe, Afternoon.AddDays(-1), EventChannel.Email));
        Assert.False((await h.Registry.CheckAsync(id, EventChannel.Email, MessagePurpose.Marketing, Afternoon)).Allowed);
        Assert.True((await h.Registry.CheckAsync(id, EventChannel.Email, MessagePurpose.Survey, Afternoon)).Allowed);
        Assert.True((await h.Registry.CheckAsync(id, EventChannel.Sms, MessagePurpose.Marketing, Afternoon)).Allowed);
    }

    [Fact]
    public async Task LateArrivals_ApplyByEventTime_AndTiesWithdraw()
    {
        await using var h = new Harness();
        var id = await h.CustomerAsync(1, Consent(1, "email", "marketing", given: false, Afternoon.AddDays(-1)));
        await h.Graph.IngestAsync(Consent(1, "email", "marketing", given: true, Afternoon.AddDays(-2), suffix: "late")); // older: changes nothing
        Assert.False((await h.Registry.CheckAsync(id, EventChannel.Email, MessagePurpose.Marketing, Afternoon)).Allowed);
        await h.Graph.IngestAsync(Consent(1, "email", "marketing", given: true, Afternoon.AddDays(-1), suffix: "tie")); // same time: opt-out wins
        Assert.False((await h.Registry.CheckAsync(id, EventChannel.Email, MessagePurpose.Marketing, Afternoon)).Allowed);
    }

    [Fact]
    public async Task Merges_KeepTheLatestWordOfBoth()
    {
        await using var h = new Harness();
        var a = await h.CustomerAsync(1, Consent(1, "email", "marketing", given: true, Afternoon.AddDays(-3)));
        var b = await h.CustomerAsync(2, Consent(2, "email", "marketing", given: false, Afternoon.AddDays(-1)));
        Assert.NotEqual(a, b);
        await h.Graph.IngestAsync(new CustomerEvent
        {
            Id = "link",
            Channel = EventChannel.Shop,
            Type = EventType.PageView,
            OccurredAt = Afternoon.AddHours(-1),
            Identities = [Identity.Phone(Phone(1)), Identity.Phone(Phone(2))],
        });
        var merged = await h.Registry.CheckAsync(a, EventChannel.Email, MessagePurpose.Marketing, Afternoon);
        Assert.False(merged.Allowed);
        Assert.Equal(merged, await h.Registry.CheckAsync(b, EventChannel.Email, MessagePurpose.Marketing, Afternoon));
    }

    [Fact]
    public async Task RecordAsync_IsAnAuditedEvent_AppliedAtOnce()
    {
        await using var h = new Harness();
        var id = await h.CustomerAsync(1);
        var eventId = await h.Registry.RecordAsync(id, EventChannel.Sms, MessagePurpose.Marketing, granted: true, "call-centre agent 007");
        Assert.True((await h.Registry.CheckAsync(id, EventChannel.Sms, MessagePurpose.Marketing, Afternoon.AddDays(1))).Allowed);
        var record = Assert.Single(await h.Registry.GetAsync(id));
        Assert.Equal((EventChannel.Sms, MessagePurpose.Marketing, ConsentStatus.Granted, eventId), (record.Channel, record.Purpose, record.Status, record.Source));
        Assert.NotNull(await h.Graph.GetAsync(id) is { } c ? c.Timeline.Events.FirstOrDefault(e => e.Id == eventId) : null);
        await Assert.ThrowsAsync<EcrmException>(async () => await h.Registry.RecordAsync("cus_missing", null, null, false, "x"));
    }

    /// <summary>
    /// Whatever the statements and whatever order they arrive in, marketing is allowed exactly when the latest statement
    /// for the channel (or all channels), by event time with opt-outs winning ties, is an opt-in.
    /// </summary>
    [Property(MaxTest = 60)]
    public Property MarketingIsAllowedOnlyByTheLatestOptIn() => Prop.ForAll(
        Gen.Choose(0, 12).SelectMany(n => Gen.ListOf(Gen.Choose(0, 5).SelectMany(kind => Gen.Choose(0, 20).Select(day => (kind, day))), n)).ToArbitrary(),
        Gen.Choose(0, 1000).ToArbitrary(),
        (statements, shuffleSeed) =>
        {
            var events = statements.Select((s, i) => s.kind switch
            {
                0 => Consent(1, "email", "marketing", true, Afternoon.AddDays(-30 + s.day), $"s{i}"),
                1 => Consent(1, "email", "marketing", false, Afternoon.AddDays(-30 + s.day), $"s{i}"),
                2 => Consent(1, "all", "all", true, Afternoon.AddDays(-30 + s.day), $"s{i}"),
                3 => Consent(1, "all", "marketing", false, Afternoon.AddDays(-30 + s.day), $"s{i}"),
                4 => Event($"u{i}", 1, ConsentEvents.Unsubscribe, Afternoon.AddDays(-30 + s.day), EventChannel.Email),
                _ => Consent(1, "sms", "marketing", true, Afternoon.AddDays(-30 + s.day), $"s{i}"),
            }).ToList();

            // The reference: statements about e-mail marketing, latest first, opt-outs first at equal times.
            var relevant = statements.Select((s, i) => (s.kind, day: s.day, i)).Where(s => s.kind != 5).ToList();
            var latest = relevant.OrderByDescending(s => s.day).ThenBy(s => s.kind is 0 or 2 ? 1 : 0).FirstOrDefault();
            var expected = relevant.Count > 0 && latest.kind is 0 or 2;

            var random = new Random(shuffleSeed);
            var shuffled = events.OrderBy(_ => random.Next()).ToList();
            return Task.Run(async () =>
            {
                await using var h = new Harness();
                var id = await h.CustomerAsync(1);
                foreach (var e in shuffled)
                {
                    await h.Graph.IngestAsync(e);
                }

                var decision = await h.Registry.CheckAsync(id, EventChannel.Email, MessagePurpose.Marketing, Afternoon);
                return decision.Allowed == expected;
            }).GetAwaiter().GetResult();
        });

    private static string Phone(int person) => $"+86139{person:D8}";

    private static CustomerEvent Event(string id, int person, EventType type, DateTimeOffset at, EventChannel? channel = null, string? text = null, ProfileAttributes? profile = null) => new()
    {
        Id = id,
        Channel = channel ?? EventChannel.Web,
        Type = type,
        OccurredAt = at,
        Identities = [Identity.Phone(Phone(person))],
        Properties = text is null ? null : new EventProperties { Text = text },
        Profile = profile,
    };

    private static CustomerEvent Consent(int person, string channel, string purpose, bool given, DateTimeOffset at, string suffix = "") => new()
    {
        Id = $"consent-{person}-{channel}-{purpose}-{given}-{at.UtcTicks}-{suffix}",
        Channel = EventChannel.Web,
        Type = given ? ConsentEvents.Given : ConsentEvents.Withdrawn,
        OccurredAt = at,
        Identities = [Identity.Phone(Phone(person))],
        Properties = new EventProperties { Custom = new Dictionary<string, string> { ["channel"] = channel, ["purpose"] = purpose } },
    };

    private sealed class Harness : IAsyncDisposable
    {
        private readonly ServiceProvider _provider;

        public Harness()
        {
            var services = new ServiceCollection();
            services.AddSingleton<TimeProvider>(new FakeTimeProvider(Afternoon));
            services.AddEcrm().AddConsent();
            _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
            Graph = _provider.GetRequiredService<ICustomerGraph>();
            Registry = _provider.GetRequiredService<IConsentRegistry>();
        }

        public ICustomerGraph Graph { get; }

        public IConsentRegistry Registry { get; }

        public async Task<string> CustomerAsync(int person, params CustomerEvent[] events)
        {
            await Graph.IngestAsync(Event($"seen-{person}", person, EventType.PageView, Afternoon.AddDays(-40)));
            foreach (var e in events)
            {
                await Graph.IngestAsync(e);
            }

            return (await Graph.ResolveAsync(Identity.Phone(Phone(person))))!;
        }

        public ValueTask DisposeAsync() => _provider.DisposeAsync();
    }
}
