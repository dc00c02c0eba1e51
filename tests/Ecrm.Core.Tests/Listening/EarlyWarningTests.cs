using Ecrm.Listening;
using Ecrm.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Ecrm.Core.Tests.Listening.ListeningHarness;

namespace Ecrm.Core.Tests.Listening;

/// <summary>Alerts: raised by negative texts, severity from reach, grouping, surges, sinks, handling and restarts.</summary>
public sealed class EarlyWarningTests
{
    private const string Angry = "质量太差了，用了两天就坏了，客服也不理人，非常失望！";

    [Fact]
    public async Task NegativeComment_RaisesAnAlert_CarryingThe360AndText()
    {
        await using var h = new ListeningHarness();
        await h.Graph.IngestAsync(Comment("c1", "u1", Angry, Start));
        var alert = Assert.Single(await h.Listening.GetAlertsAsync());
        Assert.Equal(AlertStatus.Open, alert.Status);
        Assert.Equal(Angry, Assert.Single(alert.Texts).Text);
        Assert.True(alert.Sentiment < -0.5);
        Assert.Equal("weibo", alert.Channel);
        Assert.NotNull(alert.Customer);
        Assert.Equal(alert.CustomerId, alert.Customer!.Profile.Id);
        Assert.Contains("quality", alert.Aspects);
        Assert.Contains("service", alert.Aspects);
        var raised = Assert.Single(await h.DeliveredAsync());
        Assert.Equal(AlertNotificationKind.Raised, raised.Kind);
        Assert.Equal(alert.Id, raised.Alert!.Id);
    }

    [Fact]
    public async Task PositiveAndMildTexts_RaiseNothing()
    {
        await using var h = new ListeningHarness();
        await h.Graph.IngestAsync(Comment("c1", "u1", "非常好用，物流也快，五星好评", Start));
        await h.Graph.IngestAsync(Comment("c2", "u2", "还行吧", Start));
        await h.Graph.IngestAsync(Purchase("p1", "u3", 10, Start));
        Assert.Empty(await h.Listening.GetAlertsAsync());
        Assert.Empty(await h.DeliveredAsync());
    }

    [Fact]
    public async Task Severity_GrowsWithFollowersTierAndValue()
    {
        await using var h = new ListeningHarness();
        await h.Graph.IngestAsync(Purchase("p1", "vip", 5000, Start.AddDays(-10)));
        await h.Graph.IngestAsync(Comment("c1", "nobody", Angry, Start));
        await h.Graph.IngestAsync(Comment("c2", "vip", Angry, Start, followers: 800_000));
        var alerts = await h.Listening.GetAlertsAsync();
        Assert.Equal(2, alerts.Count);
        var vip = alerts[0];
        var nobody = alerts[1];
        Assert.Equal(800_000, vip.Reach.Followers);
        Assert.Equal("gold", vip.Reach.Tier);
        Assert.Equal(1.0, vip.Reach.TierRank);
        Assert.Equal(5000m, vip.Reach.Value);
        Assert.True(vip.Severity > nobody.Severity + 30, $"{vip.Severity} vs {nobody.Severity}");
        Assert.Equal(AlertLevel.Critical, vip.Level);
        Assert.True(nobody.Level < AlertLevel.High);
    }

    [Fact]
    public async Task Repeats_OnTheSamePost_JoinOneAlert_AndEscalate()
    {
        await using var h = new ListeningHarness(o => o.Severity.RepeatBonus = 10);
        await h.Graph.IngestAsync(Comment("c1", "u1", "太差了", Start, post: "post-1"));
        var first = Assert.Single(await h.Listening.GetAlertsAsync());
        await h.Graph.IngestAsync(Comment("c2", "u1", "客服不理人，太差了", Start.AddHours(30), post: "post-1"));
        await h.Graph.IngestAsync(Comment("c3", "u1", "垃圾，骗子", Start.AddHours(31), post: "post-1"));
        await h.Graph.IngestAsync(Comment("c4", "u1", "太差了", Start.AddHours(31), post: "post-2"));
        var alerts = await h.Listening.GetAlertsAsync();
        Assert.Equal(2, alerts.Count);
        var grouped = alerts.Single(a => a.TargetPostId == "post-1");
        Assert.Equal(first.Id, grouped.Id);
        Assert.Equal(3, grouped.Occurrences);
        Assert.Equal(["c1", "c2", "c3"], grouped.Texts.Select(t => t.EventId));
        Assert.True(grouped.Severity > first.Severity);
        Assert.Equal(Start.AddHours(31), grouped.LastSeenAt);
        var delivered = await h.DeliveredAsync();
        Assert.Equal(2, delivered.Count(n => n.Kind == AlertNotificationKind.Raised));
        Assert.Contains(delivered, n => n.Kind == AlertNotificationKind.Escalated && n.Alert!.Id == first.Id);
    }

    [Fact]
    public async Task Repeats_WithoutAPost_JoinWithinTheRepeatWindowOnly()
    {
        await using var h = new ListeningHarness(o => o.RepeatWindow = TimeSpan.FromHours(6));
        await h.Graph.IngestAsync(Comment("c1", "u1", "太差了", Start));
        await h.Graph.IngestAsync(Comment("c2", "u1", "太差了", Start.AddHours(5)));
        await h.Graph.IngestAsync(Comment("c3", "u1", "太差了", Start.AddHours(12)));
        var alerts = await h.Listening.GetAlertsAsync();
        Assert.Equal([1, 2], alerts.Select(a => a.Occurrences).Order());
    }

    [Fact]
    public async Task AcknowledgeAndResolve_MeasureTimeToRespond_AndAreIdempotent()
    {
        await using var h = new ListeningHarness(clock: new FakeTimeProvider(Start));
        await h.Graph.IngestAsync(Comment("c1", "u1", Angry, Start));
        var alert = Assert.Single(await h.Listening.GetAlertsAsync());
        h.Clock.SetUtcNow(Start.AddMinutes(30));
        var acknowledged = await h.Listening.AcknowledgeAsync(alert.Id, "agent-7", "calling the customer");
        Assert.Equal(AlertStatus.Acknowledged, acknowledged.Status);
        Assert.Equal("agent-7", acknowledged.AcknowledgedBy);
        Assert.Equal(TimeSpan.FromMinutes(30), acknowledged.TimeToAcknowledge);
        h.Clock.SetUtcNow(Start.AddMinutes(45));
        Assert.Equal(acknowledged, await h.Listening.AcknowledgeAsync(alert.Id, "agent-8"));
        h.Clock.SetUtcNow(Start.AddHours(2));
        var resolved = await h.Listening.ResolveAsync(alert.Id, "agent-7", "replacement sent");
        Assert.Equal(AlertStatus.Resolved, resolved.Status);
        Assert.Equal(TimeSpan.FromHours(2), resolved.TimeToResolve);
        Assert.Equal("replacement sent", resolved.Note);

        var times = await h.Listening.GetResponseTimesAsync();
        Assert.Equal(new ResponseTimes(1, 0, 1, 1, TimeSpan.FromMinutes(30), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(2)), times);
        var timeline = await h.Graph.GetTimelineAsync(alert.CustomerId);
        Assert.Contains(timeline.Events, e => e.Type.Name == "alert-resolved" && e.Properties!.Custom!["by"] == "agent-7");
        var kinds = (await h.DeliveredAsync()).Select(n => n.Kind);
        Assert.Equal([AlertNotificationKind.Raised, AlertNotificationKind.Acknowledged, AlertNotificationKind.Resolved], kinds);

        await Assert.ThrowsAsync<EcrmException>(async () => await h.Listening.AcknowledgeAsync("alert-unknown", "x"));
        await Assert.ThrowsAsync<EcrmException>(async () => await h.Listening.ResolveAsync(alert.Id, " "));
    }

    [Fact]
    public async Task AfterResolution_ANewNegativeText_RaisesANewAlert()
    {
        await using var h = new ListeningHarness();
        await h.Graph.IngestAsync(Comment("c1", "u1", Angry, Start, post: "p"));
        var first = Assert.Single(await h.Listening.GetAlertsAsync());
        await h.Listening.ResolveAsync(first.Id, "agent");
        await h.Graph.IngestAsync(Comment("c2", "u1", Angry, Start.AddHours(1), post: "p"));
        Assert.Equal(2, (await h.Listening.GetAlertsAsync()).Count);
        Assert.Single(await h.Listening.GetAlertsAsync(AlertStatus.Open));
    }

    [Fact]
    public async Task Surges_AreDetectedAgainstTheBaseline_OncePerWindowAndScope()
    {
        await using var h = new ListeningHarness(o => o.Surge.Minimum = 5);
        var n = 0;
        for (var hour = 0; hour < 24; hour++)
        {
            await h.Graph.IngestAsync(Comment($"b{n++}", $"u{hour}", "物流太慢了", Start.AddHours(hour)));
        }

        Assert.Empty(await h.Listening.GetSurgesAsync());
        for (var i = 0; i < 8; i++)
        {
            await h.Graph.IngestAsync(Comment($"s{n++}", $"v{i}", "物流太慢了，差评", Start.AddHours(24).AddMinutes(i)));
        }

        var surges = await h.Listening.GetSurgesAsync();
        Assert.Contains(surges, s => s.Scope == "all" && s.WindowStart == Start.AddHours(24) && s.Count == 8 && s.Baseline == 1);
        Assert.Contains(surges, s => s.Scope == "aspect:logistics");
        Assert.Contains(surges, s => s.Scope == "channel:weibo");
        Assert.Equal(3, surges.Count);
        var notified = (await h.DeliveredAsync()).Where(x => x.Kind == AlertNotificationKind.Surge).ToList();
        Assert.Equal(3, notified.Count);
        Assert.Equal(5, notified.Single(x => x.Surge!.Scope == "all").Surge!.Count); // 1 + 4 x sqrt(1): detected at the fifth
    }

    [Fact]
    public async Task AFailingSink_IsLogged_AndTheOthersStillReceive()
    {
        var clock = new FakeTimeProvider(Start.AddDays(1));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        var received = new List<string>();
        services.AddEcrm().AddListening()
            .AddAlertHandler((_, _) => throw new InvalidOperationException("sink down"))
            .AddAlertHandler((n, _) =>
            {
                received.Add(n.Id);
                return ValueTask.CompletedTask;
            });
        await using var provider = services.BuildServiceProvider();
        var graph = provider.GetRequiredService<ICustomerGraph>();
        var listening = provider.GetRequiredService<IListening>();
        await graph.IngestAsync(Comment("c1", "u1", Angry, Start));
        await graph.IngestAsync(Comment("c2", "u2", Angry, Start));
        await listening.FlushAsync();
        Assert.Equal(2, received.Count);
    }

    [Fact]
    public async Task AfterARestart_AlertsAndTheirHandling_AreRebuiltFromTheStore_WithoutNotifyingAgain()
    {
        var store = new Ecrm.Storage.InMemory.InMemoryCustomerStore(new EcrmOptions());
        string id;
        await using (var first = new ListeningHarness(store: store, clock: new FakeTimeProvider(Start.AddMinutes(10))))
        {
            await first.Graph.IngestAsync(Comment("c1", "u1", Angry, Start, post: "p"));
            await first.Graph.IngestAsync(Comment("c2", "u1", Angry, Start.AddMinutes(5), post: "p"));
            await first.Graph.IngestAsync(Comment("c3", "u2", "包装破损，物流太慢", Start.AddMinutes(6)));
            id = (await first.Listening.GetAlertsAsync()).Single(a => a.TargetPostId == "p").Id;
            first.Clock.SetUtcNow(Start.AddMinutes(20));
            await first.Listening.AcknowledgeAsync(id, "agent");
        }

        await using var second = new ListeningHarness(store: store, clock: new FakeTimeProvider(Start.AddHours(1)));
        var alerts = await second.Listening.GetAlertsAsync();
        Assert.Equal(2, alerts.Count);
        var rebuilt = alerts.Single(a => a.Id == id);
        Assert.Equal(AlertStatus.Acknowledged, rebuilt.Status);
        Assert.Equal(2, rebuilt.Occurrences);
        Assert.Equal(TimeSpan.FromMinutes(20), rebuilt.TimeToAcknowledge);
        Assert.NotNull(rebuilt.Customer);
        Assert.Empty(await second.DeliveredAsync());
        await second.Graph.IngestAsync(Comment("c4", "u1", Angry, Start.AddMinutes(30), post: "p"));
        Assert.Equal(3, (await second.Listening.GetAlertAsync(id))!.Occurrences);
    }

    [Fact]
    public void AProviderWithListening_DisposesSynchronouslyToo()
    {
        var services = new ServiceCollection();
        services.AddEcrm().AddListening().AddAlertHandler((_, _) => ValueTask.CompletedTask);
        var provider = services.BuildServiceProvider();
        _ = provider.GetRequiredService<IListening>();
        provider.Dispose();
    }

    [Fact]
    public async Task InvalidOptions_FailWithTheirName()
    {
        var ex = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(async () =>
        {
            await using var h = new ListeningHarness(o => o.AlertThreshold = 0.5);
        });
        Assert.Contains("AlertThreshold", ex.Message, StringComparison.Ordinal);
        ex = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(async () =>
        {
            await using var h = new ListeningHarness(o => o.Severity.FollowersWeight = 0.9);
        });
        Assert.Contains("reach weights", ex.Message, StringComparison.Ordinal);
    }
}
