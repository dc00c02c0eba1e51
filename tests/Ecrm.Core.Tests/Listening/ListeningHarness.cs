using Ecrm.Insights;
using Ecrm.Listening;
using Ecrm.Loyalty;
using Ecrm.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Ecrm.Core.Tests.Listening;

/// <summary>The graph with insights and listening, a fake clock and a recording alert handler.</summary>
internal sealed class ListeningHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly ServiceProvider _provider;

    public ListeningHarness(Action<ListeningOptions>? configure = null, CustomerStore? store = null, FakeTimeProvider? clock = null)
    {
        Clock = clock ?? new FakeTimeProvider(Start.AddDays(3));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        if (store is not null)
        {
            services.AddSingleton(store);
        }

        services.AddEcrm()
            .AddInsights(o =>
            {
                o.Loyalty.Tiers.Levels.Add(new TierLevel("silver", 0));
                o.Loyalty.Tiers.Levels.Add(new TierLevel("gold", 1000));
            })
            .AddListening(o =>
            {
                o.OwnBrand = new BrandDefinition("小米", ["xiaomi", "mi"], [new ProductDefinition("红米", ["redmi"])]);
                o.Competitors.Add(new BrandDefinition("华为", ["huawei"]));
                o.Competitors.Add(new BrandDefinition("Apple", ["苹果", "iphone"]));
                configure?.Invoke(o);
            })
            .AddAlertHandler((n, _) =>
            {
                lock (Notifications)
                {
                    Notifications.Add(n);
                }

                return ValueTask.CompletedTask;
            });
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Graph = _provider.GetRequiredService<ICustomerGraph>();
        Listening = _provider.GetRequiredService<IListening>();
        Store = _provider.GetRequiredService<CustomerStore>();
    }

    public FakeTimeProvider Clock { get; }

    public List<AlertNotification> Notifications { get; } = [];

    public ICustomerGraph Graph { get; }

    public IListening Listening { get; }

    public CustomerStore Store { get; }

    public async ValueTask DisposeAsync() => await _provider.DisposeAsync();

    public static CustomerEvent Comment(string id, string weiboUid, string text, DateTimeOffset at, string? post = null, long? followers = null, EventType? type = null) => new()
    {
        Id = id,
        Channel = EventChannel.Weibo,
        Type = type ?? EventType.Comment,
        OccurredAt = at,
        Identities = [new Identity(IdentityKind.WeiboUid, weiboUid)],
        Properties = new EventProperties { Text = text, TargetPostId = post, FollowerCount = followers },
    };

    public static CustomerEvent Purchase(string id, string weiboUid, decimal amount, DateTimeOffset at) => new()
    {
        Id = id,
        Channel = EventChannel.Shop,
        Type = EventType.Purchase,
        OccurredAt = at,
        Identities = [new Identity(IdentityKind.WeiboUid, weiboUid)],
        Properties = new EventProperties { Amount = amount, OrderId = "o-" + id },
    };

    public async Task<IReadOnlyList<AlertNotification>> DeliveredAsync()
    {
        await Listening.FlushAsync();
        lock (Notifications)
        {
            return [.. Notifications];
        }
    }
}
