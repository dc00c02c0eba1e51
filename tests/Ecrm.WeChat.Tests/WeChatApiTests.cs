using Ecrm.Messaging;
using Ecrm.ProviderStubs;
using Ecrm.Segments;
using Ecrm.WeChat.Api;
using Microsoft.Extensions.DependencyInjection;

namespace Ecrm.WeChat.Tests;

/// <summary>The server API against the loopback stub of api.weixin.qq.com (real HTTP on 127.0.0.1).</summary>
public sealed class WeChatApiTests : IAsyncLifetime
{
    private readonly WeChatApiStub _stub = new();
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        await _stub.StartAsync();
        _services = Build(o => { });
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _stub.DisposeAsync();
    }

    [Fact]
    public async Task Token_IsCached_AndFetchedOnceByConcurrentCallers()
    {
        _stub.TokenDelay = TimeSpan.FromMilliseconds(300);
        var sender = _services.GetRequiredService<WeChatMessageSender>();
        var receipts = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => sender.SendAsync(Text(i, "您好，订单已发货")).AsTask()));
        Assert.All(receipts, r => Assert.Equal(SendStatus.Sent, r.Status));
        Assert.Equal(1, _stub.TokensIssued);
        Assert.Equal(1, _services.GetRequiredService<WeChatAccessTokens>().Refreshes);
        Assert.Equal(20, _stub.Done.Count);
        Assert.True(_stub.Done.ContainsKey("cs:openid-3:您好，订单已发货"));
    }

    [Fact]
    public async Task ExpiredToken_IsRenewedOnce_AndTheCallRetried()
    {
        var sender = _services.GetRequiredService<WeChatMessageSender>();
        Assert.Equal(SendStatus.Sent, (await sender.SendAsync(Text(1, "a"))).Status);
        _stub.ExpireTokens();
        var receipts = await Task.WhenAll(Enumerable.Range(2, 10).Select(i => sender.SendAsync(Text(i, "b")).AsTask()));
        Assert.All(receipts, r => Assert.Equal(SendStatus.Sent, r.Status));
        Assert.Equal(2, _stub.TokensIssued); // one renewal for the ten callers that hit 42001
        Assert.Equal(11, _stub.Done.Count);
    }

    [Fact]
    public async Task WrongSecret_IsATypedError_NamingTheCode()
    {
        await using var services = Build(o => o.AppSecret = "wrong");
        var ex = await Assert.ThrowsAsync<WeChatApiException>(() => services.GetRequiredService<WeChatUsers>().GetAsync("openid-1"));
        Assert.Equal(40125, ex.ErrorCode);
        Assert.Contains("stable_token", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OutsideThe48HourWindow_FailsWith45015_WithoutRetrying()
    {
        _stub.OutsideWindow["openid-7"] = 0;
        var receipt = await _services.GetRequiredService<WeChatMessageSender>().SendAsync(Text(7, "迟到的回复"));
        Assert.Equal(SendStatus.Failed, receipt.Status);
        Assert.Equal(1, receipt.Attempts);
        Assert.StartsWith("errcode 45015", receipt.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TemplateMessages_ThirtyPercentFaults_EachExactlyOnce()
    {
        _stub.Faults = new FaultPlan(0.3, 21);
        _stub.HangFor = TimeSpan.FromSeconds(3);
        var sender = _services.GetRequiredService<WeChatMessageSender>();
        var messages = Enumerable.Range(0, 120).Select(i => new OutboundMessage
        {
            IdempotencyKey = $"order-{i}-paid",
            Recipient = Identity.WeChatOpenId(WeChatApiStub.AppId, $"openid-{i}"),
            TemplateId = "ngqIpbwh8bUfcSsECmogfXcV14J0tQlEpBO27izEYtY",
            TemplateData = new Dictionary<string, string> { ["thing1"] = "巧克力", ["amount2"] = "39.8元" },
            Link = new Uri("https://shop.example.com/orders/" + i),
        }).ToArray();
        var receipts = new SendReceipt[messages.Length];
        await Parallel.ForEachAsync(Enumerable.Range(0, messages.Length), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) => receipts[i] = await sender.SendAsync(messages[i], ct));

        Assert.All(receipts, r => Assert.Equal(SendStatus.Sent, r.Status));
        Assert.All(receipts, r => Assert.False(string.IsNullOrEmpty(r.ProviderMessageId)));
        Assert.All(messages, m => Assert.Equal(1, _stub.Done[$"tpl:{m.Recipient.Value}:{m.IdempotencyKey}"]));
        Assert.All(Enum.GetValues<FaultKind>(), kind => Assert.True(_stub.Faults.Injected.GetValueOrDefault(kind) > 0, kind.ToString()));
    }

    [Fact]
    public async Task CustomerServiceText_DefinitiveFaults_ExactlyOnce_LostAnswersUnconfirmed()
    {
        _stub.Faults = new FaultPlan(0.3, 22);
        _stub.HangFor = TimeSpan.FromSeconds(3);
        var sender = _services.GetRequiredService<WeChatMessageSender>();
        var messages = Enumerable.Range(0, 100).Select(i => Text(i, $"第{i}号回复")).ToArray();
        var receipts = new SendReceipt[messages.Length];
        await Parallel.ForEachAsync(Enumerable.Range(0, messages.Length), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) => receipts[i] = await sender.SendAsync(messages[i], ct));
        for (var i = 0; i < messages.Length; i++)
        {
            var delivered = _stub.Done.GetValueOrDefault($"cs:openid-{i}:第{i}号回复");
            Assert.True(delivered <= 1);
            Assert.True(receipts[i].Status == SendStatus.Sent ? delivered == 1 : receipts[i].Status == SendStatus.Unconfirmed, receipts[i].ToString());
        }

        var lost = _stub.Faults.Injected.GetValueOrDefault(FaultKind.Hang) + _stub.Faults.Injected.GetValueOrDefault(FaultKind.LoseAnswer);
        Assert.Equal(lost, receipts.Count(r => r.Status == SendStatus.Unconfirmed));
    }

    [Fact]
    public async Task Recipient_MustBeAnOpenIdOfThisAccount()
    {
        var sender = _services.GetRequiredService<WeChatMessageSender>();
        var ex = await Assert.ThrowsAsync<MessageFormatException>(async () => await sender.SendAsync(Text(1, "x") with { Recipient = Identity.WeChatOpenId("wxother", "openid-1") }));
        Assert.Contains("wxother", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserInfo_AndUnionIdEnrichment_JoinTheCustomers()
    {
        for (var i = 0; i < 250; i++)
        {
            _stub.Followers[$"openid-{i}"] = i % 5 == 0 ? null : $"union-{i}";
        }

        var users = _services.GetRequiredService<WeChatUsers>();
        var one = await users.GetAsync("openid-1");
        Assert.True(one.Subscribed);
        Assert.Equal("union-1", one.UnionId);
        Assert.Equal("98765", one.QrScene);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1382694957), one.SubscribedAt);
        Assert.False((await users.GetAsync("gone-1")).Subscribed);
        await Assert.ThrowsAsync<WeChatApiException>(() => users.GetAsync("nobody"));

        // Someone logged in elsewhere with WeChat (unionid only) and bought; enrichment joins them with the follower.
        var graph = _services.GetRequiredService<ICustomerGraph>();
        await graph.IngestAsync(new CustomerEvent
        {
            Id = "mini-program-order-1",
            Channel = EventChannel.Shop,
            Type = EventType.Purchase,
            OccurredAt = DateTimeOffset.UtcNow,
            Identities = [Identity.WeChatUnionId("union-3"), Identity.Phone("+8613900000003")],
            Properties = new EventProperties { Amount = 99m, Currency = "CNY" },
        });
        var linked = await users.EnrichAsync(Enumerable.Range(0, 250).Select(i => $"openid-{i}").Append("gone-2"));
        Assert.Equal(200, linked);
        Assert.Equal(3, _stub.Calls["user/info/batchget"]);
        var customer = await graph.FindAsync(Identity.WeChatOpenId(WeChatApiStub.AppId, "openid-3"));
        Assert.NotNull(customer);
        Assert.Contains(customer.Profile.Identities, i => i.Identity == Identity.Phone("+8613900000003"));

        // Enrichment is idempotent: a second run changes nothing in the graph.
        var before = await graph.GetStatisticsAsync();
        Assert.Equal(200, await users.EnrichAsync(Enumerable.Range(0, 250).Select(i => $"openid-{i}")));
        Assert.Equal(before, await graph.GetStatisticsAsync());
    }

    [Fact]
    public async Task TagSync_MakesTheTagHoldExactlyTheGivenFollowers()
    {
        _stub.TagPageSize = 7;
        var tags = _services.GetRequiredService<WeChatTags>();
        var first = await tags.SyncAsync("高价值客户", Enumerable.Range(0, 120).Select(i => $"openid-{i}"));
        Assert.Equal((120, 0, 0), (first.Added, first.Removed, first.Kept));
        Assert.Equal(3, _stub.Calls["tags/members/batchtagging"]); // 50 + 50 + 20
        Assert.Equal(120, _stub.TagMembers("高价值客户").Count);

        var second = await tags.SyncAsync("高价值客户", Enumerable.Range(100, 40).Select(i => $"openid-{i}"));
        Assert.Equal((20, 100, 20), (second.Added, second.Removed, second.Kept));
        Assert.Equal(first.Tag.Id, second.Tag.Id);
        Assert.Equal(Enumerable.Range(100, 40).Select(i => $"openid-{i}").Order(StringComparer.Ordinal), _stub.TagMembers("高价值客户").Order(StringComparer.Ordinal));
        Assert.Single(await tags.GetTagsAsync());
    }

    [Fact]
    public async Task SegmentSync_TagsTheSegmentsFollowersOfThisAccount()
    {
        await using var services = Build(_ => { }, insights: true);
        var graph = services.GetRequiredService<ICustomerGraph>();
        for (var i = 0; i < 30; i++)
        {
            await graph.IngestAsync(new CustomerEvent
            {
                Id = $"buy-{i}",
                Channel = EventChannel.WeChat,
                Type = i % 3 == 0 ? EventType.Purchase : EventType.Follow,
                OccurredAt = DateTimeOffset.UtcNow.AddMinutes(-i),
                Identities = [Identity.WeChatOpenId(WeChatApiStub.AppId, $"openid-{i}")],
                Properties = i % 3 == 0 ? new EventProperties { Amount = 10m, Currency = "CNY" } : null,
            });
        }

        var result = await services.GetRequiredService<WeChatTags>().SyncSegmentAsync("wechat-buyers", "微信买家");
        Assert.Equal(10, result.Added);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"openid-{i * 3}").Order(StringComparer.Ordinal), _stub.TagMembers("微信买家").Order(StringComparer.Ordinal));
    }

    private static OutboundMessage Text(int i, string text) => new()
    {
        IdempotencyKey = $"reply-{i}",
        Recipient = Identity.WeChatOpenId(WeChatApiStub.AppId, $"openid-{i}"),
        Text = text,
    };

    private ServiceProvider Build(Action<WeChatApiOptions> configure, bool insights = false)
    {
        var services = new ServiceCollection();
        var ecrm = services.AddEcrm();
        if (insights)
        {
            ecrm.AddInsights(o => o.Segments.Add(SegmentDefinition.Parse("wechat-buyers", 1, "count(purchase, 30d) >= 1")));
        }

        ecrm.AddWeChatApi(o =>
        {
            o.AppId = WeChatApiStub.AppId;
            o.AppSecret = WeChatApiStub.AppSecret;
            o.BaseAddress = _stub.BaseAddress;
            StubResilience.Fast(o);
            configure(o);
        });
        services.AddHttpClient(WeChatApiClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { UseProxy = false });
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }
}
