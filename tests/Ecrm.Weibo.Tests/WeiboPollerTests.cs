using System.Text;
using System.Text.Json;
using Ecrm.ProviderStubs;
using Microsoft.Extensions.DependencyInjection;

namespace Ecrm.Weibo.Tests;

/// <summary>The poller against the loopback Weibo stub (real HTTP on 127.0.0.1), with a real cursor file.</summary>
public sealed class WeiboPollerTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 2, 0, 0, TimeSpan.Zero);
    private readonly WeiboStub _stub = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("ecrm-weibo-").FullName;

    public Task InitializeAsync() => _stub.StartAsync();

    public async Task DisposeAsync() => await _stub.DisposeAsync();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Maps_TheSpecsCommentSample()
    {
        var json = """
            {"created_at":"Thu Apr 19 10:40:02 +0800 2018","id":4230468160150001,"idstr":"4230468160150001","mid":"4230468160150001",
             "text":"@品牌官方 我的订单什么时候发货？","source":"<a href=\"http://app.weibo.com/t/feed/6vtZb0\" rel=\"nofollow\">微博 weibo.com</a>",
             "user":{"id":1742566624,"idstr":"1742566624","screen_name":"思想聚焦","name":"思想聚焦","province":"44","city":"1","location":"广东 广州",
                     "gender":"m","followers_count":18461756,"friends_count":1652,"statuses_count":67967,"verified":true,"verified_type":0,
                     "created_at":"Sun May 16 17:09:06 +0800 2010","profile_image_url":"http://tva4.sinaimg.cn/crop.0.0.180.180.50/x.jpg"},
             "status":{"created_at":"Thu Apr 19 10:35:57 +0800 2018","id":4230466846817001,"idstr":"4230466846817001","mid":"4230466846817001",
                       "text":"新品上市","reposts_count":3,"comments_count":12,"attitudes_count":40,"user":{"id":1,"idstr":"1","screen_name":"品牌官方","followers_count":50000}}}
            """;
        using var document = JsonDocument.Parse(json);
        var e = WeiboMapper.Map(document.RootElement, WeiboTimeline.CommentsToMe);
        Assert.Equal("weibo:comment:4230468160150001", e.Id);
        Assert.Equal(EventType.Comment, e.Type);
        Assert.Equal(new DateTimeOffset(2018, 4, 19, 2, 40, 2, TimeSpan.Zero), e.OccurredAt);
        Assert.Equal(Identity.WeiboUid("1742566624"), Assert.Single(e.Identities));
        Assert.Equal(("思想聚焦", Gender.Male, "广东", "广州"), (e.Profile!.Name, e.Profile.Gender, e.Profile.Region, e.Profile.City));
        Assert.Equal(18461756, e.Properties!.FollowerCount);
        Assert.Equal("4230466846817001", e.Properties.TargetPostId);
        Assert.Equal(Identity.WeiboUid("1"), e.Properties.TargetAuthor);
        Assert.Equal("@品牌官方 我的订单什么时候发货？", e.Properties.Text);
    }

    [Fact]
    public void Maps_RepostsAndMentions()
    {
        using var repost = JsonDocument.Parse(WeiboStub.Status(900, 42, "转发微博", 300, Start, repostOf: 777).ToJsonString());
        var e = WeiboMapper.Map(repost.RootElement, WeiboTimeline.StatusMentions);
        Assert.Equal((EventType.Repost, "weibo:status:900", "777"), (e.Type, e.Id, e.Properties!.TargetPostId));
        Assert.Equal(Start, e.OccurredAt);
        using var mention = JsonDocument.Parse(WeiboStub.Status(901, 42, "@品牌官方 好用", 300, Start).ToJsonString());
        Assert.Equal(EventType.Mention, WeiboMapper.Map(mention.RootElement, WeiboTimeline.StatusMentions).Type);
    }

    [Theory]
    [InlineData("""{"request":"/2/x.json","error_code":"10023","error":"User requests out of rate limit!"}""", "rate limit 10023")]
    [InlineData("""{"request":"/2/x.json","error_code":10022,"error":"IP requests out of rate limit!"}""", "rate limit 10022")]
    [InlineData("""{"error":"expired_token","error_code":21327,"error_description":"expired"}""", "token error 21327")]
    public void ErrorCodes_AreReadAsNumbersOrStrings(string body, string expected)
    {
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.Forbidden);
        var answer = WeiboPoller.Classify(response, Encoding.UTF8.GetBytes(body));
        Assert.StartsWith(expected, answer.Error, StringComparison.Ordinal);
        Assert.Equal(Outbound.AnswerKind.Reject, answer.Kind);
    }

    [Fact]
    public async Task Polls_AllPages_OldestFirst_AndResumesFromTheCursorAfterARestart()
    {
        Seed(comments: 230, mentions: 12, statuses: 7);
        await using (var first = Build())
        {
            var results = await first.Poller.PollOnceAsync();
            Assert.Equal([230, 12, 7], results.Select(r => r.Fetched));
            Assert.Equal([230, 12, 7], results.Select(r => r.Ingested));
            Assert.Equal(249, (await first.Graph.GetStatisticsAsync()).Events);
            Assert.Equal(5, _stub.Log.Count(l => l.StartsWith("comments/to_me", StringComparison.Ordinal))); // 50 per page
        }

        // A new process with the same cursor file asks only for what is newer.
        _stub.Add("comments/to_me", WeiboStub.Comment(5_000_000, 77, "物流太慢了，差评", 120_000, Start.AddHours(3)));
        _stub.Log.Clear();
        await using var second = Build();
        var again = await second.Poller.PollOnceAsync();
        Assert.Equal([1, 0, 0], again.Select(r => r.Fetched));
        Assert.Contains("since_id=1000230", _stub.Log.First(l => l.StartsWith("comments/to_me", StringComparison.Ordinal)), StringComparison.Ordinal);
        var author = await second.Graph.FindAsync(Identity.WeiboUid("77"));
        Assert.NotNull(author);
    }

    [Fact]
    public async Task RateLimit_PausesWithoutMovingTheCursor_AndNothingIsDropped()
    {
        Seed(comments: 180, mentions: 0, statuses: 0);
        _stub.RateLimitAfter(2); // pages 1 and 2 answer, page 3 is rate limited
        _stub.RateLimitRetryAfter = 1;
        await using var h = Build(only: WeiboTimeline.CommentsToMe);
        var limited = Assert.Single(await h.Poller.PollOnceAsync());
        Assert.NotNull(limited.PausedUntil);
        Assert.StartsWith("rate limit 10023", limited.Error, StringComparison.Ordinal);
        Assert.Equal(0, limited.Cursor);
        Assert.Equal(0, await h.Cursors.LoadAsync(WeiboTimeline.CommentsToMe));

        // While paused, no request goes out.
        var requests = _stub.Log.Count;
        Assert.Equal("paused by a rate limit", Assert.Single(await h.Poller.PollOnceAsync()).Error);
        Assert.Equal(requests, _stub.Log.Count);

        _stub.ClearRateLimit();
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        var resumed = Assert.Single(await h.Poller.PollOnceAsync());
        Assert.Null(resumed.Error);
        Assert.Equal(1_000_180, resumed.Cursor);
        Assert.Equal(180, (await h.Graph.GetStatisticsAsync()).Events);
    }

    [Fact]
    public async Task ExpiredToken_StopsWithAReauthorisationError()
    {
        Seed(comments: 3, mentions: 0, statuses: 0);
        _stub.TokenExpired = true;
        await using var h = Build(only: WeiboTimeline.CommentsToMe);
        var result = Assert.Single(await h.Poller.PollOnceAsync());
        Assert.Contains("re-authorise", result.Error, StringComparison.Ordinal);
        Assert.Single(_stub.Log); // not retried
        Assert.Equal(0, await h.Cursors.LoadAsync(WeiboTimeline.CommentsToMe));
    }

    [Fact]
    public async Task ThirtyPercentFaults_EverythingIngestedExactlyOnce()
    {
        Seed(comments: 300, mentions: 40, statuses: 40);
        _stub.Faults = new FaultPlan(0.3, 5, FaultKind.ServerError, FaultKind.Throttled, FaultKind.Busy, FaultKind.Hang, FaultKind.LoseAnswer);
        _stub.HangFor = TimeSpan.FromSeconds(3);
        await using var h = Build();
        var results = await h.Poller.PollOnceAsync();
        Assert.All(results, r => Assert.Null(r.Error));
        Assert.Equal(380, (await h.Graph.GetStatisticsAsync()).Events);
        Assert.Equal(380, results.Sum(r => r.Ingested));
    }

    private void Seed(int comments, int mentions, int statuses)
    {
        for (var i = 1; i <= comments; i++)
        {
            _stub.Add("comments/to_me", WeiboStub.Comment(1_000_000 + i, 10_000 + (i % 90), i % 4 == 0 ? "太差了，客服不回复" : "很喜欢这个新品", i * 10, Start.AddMinutes(i)));
        }

        for (var i = 1; i <= mentions; i++)
        {
            _stub.Add("comments/mentions", WeiboStub.Comment(2_000_000 + i, 20_000 + i, "@品牌官方 请问有货吗", 50, Start.AddMinutes(i)));
        }

        for (var i = 1; i <= statuses; i++)
        {
            _stub.Add("statuses/mentions", WeiboStub.Status(3_000_000 + i, 30_000 + i, "推荐 @品牌官方", 5000, Start.AddMinutes(i), repostOf: i % 2 == 0 ? 777 : null));
        }
    }

    private Harness Build(WeiboTimeline? only = null)
    {
        var services = new ServiceCollection();
        services.AddEcrm().AddWeibo(o =>
        {
            o.AccessToken = WeiboStub.AccessToken;
            o.BaseAddress = _stub.BaseAddress;
            o.CursorFile = Path.Combine(_folder, "cursors.txt");
            StubResilience.Fast(o);
            if (only is { } timeline)
            {
                o.Timelines.Clear();
                o.Timelines.Add(timeline);
            }
        });
        services.AddHttpClient(WeiboPoller.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { UseProxy = false });
        return new Harness(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true }));
    }

    private sealed class Harness(ServiceProvider services) : IAsyncDisposable
    {
        public WeiboPoller Poller { get; } = services.GetRequiredService<WeiboPoller>();

        public ICustomerGraph Graph { get; } = services.GetRequiredService<ICustomerGraph>();

        public IWeiboCursorStore Cursors { get; } = services.GetRequiredService<IWeiboCursorStore>();

        public ValueTask DisposeAsync() => services.DisposeAsync();
    }
}
