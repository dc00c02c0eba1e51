using System.Diagnostics;
using Ecrm.Listening;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Ecrm.Webhooks.Tests.LoopbackReceiver;

namespace Ecrm.Webhooks.Tests;

/// <summary>The webhook sink against a real HTTP receiver on 127.0.0.1 with injected faults.</summary>
public sealed class WebhookAlertSinkTests
{
    private static readonly DateTimeOffset At = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    private static Alert SampleAlert(string id = "alert-1", AlertLevel level = AlertLevel.High) => new()
    {
        Id = id,
        CustomerId = "cus_1",
        Channel = "weibo",
        TargetPostId = "post-9",
        Texts = [new AlertText("e1", "质量太差了，非常失望", -0.82, At)],
        Sentiment = -0.82,
        Severity = 48.5,
        Level = level,
        Reach = new AlertReach(120_000, 0.4, "gold", 1, 5000, 0.7),
        Aspects = ["quality"],
        Occurrences = 1,
        RaisedAt = At,
        LastSeenAt = At,
    };

    private static AlertNotification Raised(string id = "alert-1", AlertLevel level = AlertLevel.High) =>
        new($"{id}:raised", AlertNotificationKind.Raised, At, SampleAlert(id, level), null);

    private static (ServiceProvider Provider, IAlertSink Sink) Build(Uri url, Action<WebhookAlertSinkOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddEcrm().AddListening().AddAlertWebhook(o =>
        {
            o.Url = url;
            o.Secret = Secret;
            o.RetryDelay = TimeSpan.FromMilliseconds(5);
            o.AttemptTimeout = TimeSpan.FromSeconds(5);
            configure?.Invoke(o);
        });
        var provider = services.BuildServiceProvider();
        return (provider, provider.GetServices<IAlertSink>().OfType<WebhookAlertSink>().Single());
    }

    [Fact]
    public async Task Delivers_SignedJson_WithTheDeliveryId()
    {
        await using var receiver = new LoopbackReceiver();
        var (provider, sink) = Build(receiver.Url);
        await using var _ = provider;
        await sink.DeliverAsync(Raised(), CancellationToken.None);
        var request = Assert.Single(receiver.Requests);
        Assert.True(request.Verified);
        Assert.Equal("alert-1:raised", request.DeliveryId);
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        Assert.Equal("raised", request.Body.GetProperty("kind").GetString());
        var alert = request.Body.GetProperty("alert");
        Assert.Equal("high", alert.GetProperty("level").GetString());
        Assert.Equal("质量太差了，非常失望", alert.GetProperty("texts")[0].GetProperty("text").GetString());
        Assert.Equal(120_000, alert.GetProperty("reach").GetProperty("followers").GetInt64());
    }

    [Fact]
    public void Signatures_AreCheckedInFull_AndMustBeFresh()
    {
        var body = "{\"id\":\"x\"}"u8.ToArray();
        var now = DateTimeOffset.UtcNow;
        var ts = now.ToUnixTimeSeconds();
        var signature = WebhookPayload.Sign(Secret, ts, body);
        Assert.True(WebhookPayload.Verify(Secret, ts.ToString(System.Globalization.CultureInfo.InvariantCulture), signature, body, now));
        Assert.False(WebhookPayload.Verify(Secret, ts.ToString(System.Globalization.CultureInfo.InvariantCulture), signature, "{\"id\":\"y\"}"u8, now));
        Assert.False(WebhookPayload.Verify("another-secret-000000", ts.ToString(System.Globalization.CultureInfo.InvariantCulture), signature, body, now));
        Assert.False(WebhookPayload.Verify(Secret, ts.ToString(System.Globalization.CultureInfo.InvariantCulture), signature, body, now.AddMinutes(10)));
        Assert.False(WebhookPayload.Verify(Secret, "not-a-number", signature, body, now));
    }

    [Fact]
    public async Task TransientFailures_AreRetried_UntilDelivered()
    {
        await using var receiver = new LoopbackReceiver(n => n switch { 1 => Fault.Http(503), 2 => Fault.Dropped, 3 => Fault.Http(500), _ => Fault.None });
        var (provider, sink) = Build(receiver.Url);
        await using var _ = provider;
        await sink.DeliverAsync(Raised(), CancellationToken.None);
        Assert.Equal(4, receiver.RequestCount);
        Assert.Equal(1, receiver.Accepted["alert-1:raised"]);
        Assert.All(receiver.Requests, r => Assert.Equal("alert-1:raised", r.DeliveryId));
    }

    [Fact]
    public async Task RetryAfter_IsHonoured_On429()
    {
        await using var receiver = new LoopbackReceiver(n => n == 1 ? Fault.Http(429, retryAfter: 1) : Fault.None);
        var (provider, sink) = Build(receiver.Url);
        await using var _ = provider;
        await sink.DeliverAsync(Raised(), CancellationToken.None);
        var requests = receiver.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromMilliseconds(900), $"waited {requests[1].At - requests[0].At}");
    }

    [Fact]
    public async Task ARetryAfterLongerThanHonoured_FailsTheDelivery()
    {
        await using var receiver = new LoopbackReceiver(_ => Fault.Http(429, retryAfter: 3600));
        var (provider, sink) = Build(receiver.Url, o => o.MaxRetryAfter = TimeSpan.FromMinutes(1));
        await using var _ = provider;
        var ex = await Assert.ThrowsAsync<WebhookDeliveryException>(async () => await sink.DeliverAsync(Raised(), CancellationToken.None));
        Assert.Contains("HTTP 429", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, receiver.RequestCount);
    }

    [Fact]
    public async Task SlowAnswers_TimeOut_AndAreRetried()
    {
        await using var receiver = new LoopbackReceiver(n => n == 1 ? Fault.SlowBy(3000) : Fault.None);
        var (provider, sink) = Build(receiver.Url, o => o.AttemptTimeout = TimeSpan.FromMilliseconds(300));
        await using var _ = provider;
        await sink.DeliverAsync(Raised(), CancellationToken.None);
        Assert.Equal(2, receiver.RequestCount);
        Assert.Equal(2, receiver.Accepted["alert-1:raised"]); // processed twice: the receiver's dedupe by delivery id keeps one
    }

    [Fact]
    public async Task UnderThirtyPercentInjectedFailures_EveryNotificationIsDeliveredExactlyOnce()
    {
        var random = new Random(2026);
        var gate = new object();
        await using var receiver = new LoopbackReceiver(_ =>
        {
            double roll;
            lock (gate)
            {
                roll = random.NextDouble();
            }

            return roll switch
            {
                < 0.10 => Fault.Http(500),
                < 0.17 => Fault.Http(429, retryAfter: 0),
                < 0.24 => Fault.Dropped,
                < 0.30 => Fault.SlowBy(700),
                _ => Fault.None,
            };
        });
        var (provider, sink) = Build(receiver.Url, o =>
        {
            o.MaxRetries = 10;
            o.AttemptTimeout = TimeSpan.FromMilliseconds(250);
            o.BreakerMinimumThroughput = 1000; // this test is about retries; the breaker has its own
        });
        await using var _ = provider;
        var ids = Enumerable.Range(0, 60).Select(i => $"alert-{i}").ToList();
        foreach (var id in ids)
        {
            await sink.DeliverAsync(Raised(id), CancellationToken.None);
        }

        Assert.Equal(ids.Select(i => i + ":raised").Order(), receiver.Accepted.Keys.Order());
        var failed = receiver.RequestCount - ids.Count;
        Assert.True(failed > 5, $"only {failed} injected failures: the test must exercise retries");
        foreach (var group in receiver.Requests.GroupBy(r => r.DeliveryId))
        {
            Assert.Single(group.Select(r => r.Body.GetRawText()).Distinct()); // a retry resends the same notification
        }
    }

    [Fact]
    public async Task TheCircuitOpens_AfterRepeatedFailures_AndFailsFast()
    {
        await using var receiver = new LoopbackReceiver(_ => Fault.Http(500));
        var (provider, sink) = Build(receiver.Url, o =>
        {
            o.MaxRetries = 0;
            o.BreakerMinimumThroughput = 4;
            o.BreakerFailureRatio = 0.5;
        });
        await using var _ = provider;
        for (var i = 0; i < 4; i++)
        {
            await Assert.ThrowsAsync<WebhookDeliveryException>(async () => await sink.DeliverAsync(Raised($"a{i}"), CancellationToken.None));
        }

        var open = await Assert.ThrowsAsync<WebhookDeliveryException>(async () => await sink.DeliverAsync(Raised("a5"), CancellationToken.None));
        Assert.Contains("circuit open", open.Message, StringComparison.Ordinal);
        Assert.Equal(4, receiver.RequestCount);
    }

    [Fact]
    public async Task AlertsBelowTheMinimumLevel_AreNotSent_AndSurgesAlwaysAre()
    {
        await using var receiver = new LoopbackReceiver();
        var (provider, sink) = Build(receiver.Url, o => o.MinimumLevel = AlertLevel.High);
        await using var _ = provider;
        await sink.DeliverAsync(Raised("low", AlertLevel.Medium), CancellationToken.None);
        await sink.DeliverAsync(new AlertNotification("surge:all:1", AlertNotificationKind.Surge, At, null, new Surge("all", At, At.AddHours(1), 9, 1.5)), CancellationToken.None);
        var request = Assert.Single(receiver.Requests);
        Assert.Equal(9, request.Body.GetProperty("surge").GetProperty("count").GetInt32());
    }

    [Theory]
    [InlineData(null, Secret, "Url")]
    [InlineData("ftp://example.com/x", Secret, "Url")]
    [InlineData("https://example.com/x", "short", "Secret")]
    public void InvalidOptions_FailAtStartWithTheirName(string? url, string secret, string option)
    {
        var services = new ServiceCollection();
        services.AddEcrm().AddListening().AddAlertWebhook(o =>
        {
            o.Url = url is null ? null : new Uri(url);
            o.Secret = secret;
        });
        using var provider = services.BuildServiceProvider();
        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<WebhookAlertSinkOptions>>().Value);
        Assert.Contains("WebhookAlertSinkOptions." + option, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EndToEnd_ANegativeCommentReachesTheWebhook()
    {
        await using var receiver = new LoopbackReceiver();
        var services = new ServiceCollection();
        services.AddEcrm().AddListening().AddAlertWebhook(o =>
        {
            o.Url = receiver.Url;
            o.Secret = Secret;
            o.MinimumLevel = AlertLevel.Low;
        });
        await using var provider = services.BuildServiceProvider();
        var graph = provider.GetRequiredService<ICustomerGraph>();
        await graph.IngestAsync(new CustomerEvent
        {
            Id = "w1",
            Channel = EventChannel.Weibo,
            Type = EventType.Comment,
            OccurredAt = DateTimeOffset.UtcNow.AddMinutes(-1),
            Identities = [Identity.WeiboUid("1234567")],
            Properties = new EventProperties { Text = "假货！千万别买，客服还骗人", TargetPostId = "post-1", FollowerCount = 50_000 },
        });
        var stopwatch = Stopwatch.StartNew();
        await provider.GetRequiredService<IListening>().FlushAsync();
        var request = Assert.Single(receiver.Requests);
        Assert.True(request.Verified);
        Assert.Equal("raised", request.Body.GetProperty("kind").GetString());
        Assert.Equal("weibo-uid:1234567", request.Body.GetProperty("alert").GetProperty("customer").GetProperty("identities")[0].GetString());
        Assert.Contains("authenticity", request.Body.GetProperty("alert").GetProperty("aspects").EnumerateArray().Select(a => a.GetString()));
    }
}
