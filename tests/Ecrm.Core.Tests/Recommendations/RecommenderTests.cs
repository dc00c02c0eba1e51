using Ecrm.Recommendations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Ecrm.Core.Tests.Recommendations;

public sealed class RecommenderTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RuleRecommendations_CarryTheirReason()
    {
        await using var h = new Harness();
        await h.SeedAsync();
        var buyer = await h.BuyAsync(9001, Now.AddDays(-60), "TEA");
        var list = await h.Recommender.RecommendAsync(buyer, 3);
        var top = list[0];
        Assert.Equal(("CUP", RecommendationSource.Rule), (top.Sku, top.Source));
        Assert.Equal(["TEA"], top.Because);
        Assert.Equal(70.0 / 101, top.Confidence, 6); // 70 of the 101 tea baskets (the buyer's own included) hold a cup
        Assert.Equal("bought 明前龙井, and 69% of buyers of 明前龙井 also bought 紫砂杯", top.Reason);
        Assert.Equal(("紫砂杯", "茶具"), (top.Name, top.Category));
    }

    [Fact]
    public async Task JustBoughtItems_AreLeftOut_UntilTheWindowPasses()
    {
        await using var h = new Harness();
        await h.SeedAsync();
        var buyer = await h.BuyAsync(9002, Now.AddDays(-3), "TEA", "CUP");
        Assert.DoesNotContain(await h.Recommender.RecommendAsync(buyer, 10), r => r.Sku is "CUP" or "TEA");
        h.Clock.Advance(TimeSpan.FromDays(40));
        Assert.Contains(await h.Recommender.RecommendAsync(buyer, 10), r => r.Sku == "CUP");
    }

    [Fact]
    public async Task NewCustomers_GetBestSellers()
    {
        await using var h = new Harness();
        await h.SeedAsync();
        var list = await h.Recommender.RecommendAsync("cus_nobody", 2);
        Assert.All(list, r => Assert.Equal(RecommendationSource.Popularity, r.Source));
        Assert.Equal("TEA", list[0].Sku); // in every seeded basket
        Assert.StartsWith("a best seller: in 100 orders", list[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CategoryAffinity_SuggestsBestSellersOfTheCustomersCategories()
    {
        await using var h = new Harness();
        await h.SeedAsync();
        var buyer = await h.BuyAsync(9003, Now.AddDays(-90), "LIP");
        var list = await h.Recommender.RecommendAsync(buyer, 10);
        Assert.Contains(list, r => r.Sku == "CREAM" && r.Source == RecommendationSource.Rule); // every lipstick basket holds cream
        var affinity = Assert.Single(list, r => r.Sku == "MASK"); // never bought with lipstick: the category suggests it
        Assert.Equal(RecommendationSource.CategoryAffinity, affinity.Source);
        Assert.Contains("100% of your purchases are 美妆", affinity.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The360_ShowsTheTopRecommendations_AndMergesKeepHistory()
    {
        await using var h = new Harness();
        await h.SeedAsync();
        var buyer = await h.BuyAsync(9004, Now.AddDays(-60), "TEA");
        var view = await h.Graph.GetAsync(buyer);
        Assert.NotNull(view!.Recommendations);
        Assert.Equal(3, view.Recommendations.Count);
        Assert.Equal("CUP", view.Recommendations[0].Sku);

        // The same person under another phone, then linked: the survivor keeps both histories.
        var other = await h.BuyAsync(9005, Now.AddDays(-50), "LIP");
        await h.Graph.IngestAsync(new CustomerEvent
        {
            Id = "link-9004-9005",
            Channel = EventChannel.Web,
            Type = EventType.PageView,
            OccurredAt = Now.AddDays(-1),
            Identities = [Identity.Phone(Harness.Phone(9004)), Identity.Phone(Harness.Phone(9005))],
        });
        var merged = await h.Recommender.RecommendAsync(other, 10);
        Assert.Contains(merged, r => r.Sku == "CUP" && r.Source == RecommendationSource.Rule);
        Assert.Contains(merged, r => r.Source == RecommendationSource.CategoryAffinity && r.Category == "美妆");
    }

    [Fact]
    public async Task Refresh_MinesEveryBasketAgain_WithinTheRefreshInterval()
    {
        await using var h = new Harness(TimeSpan.FromHours(1));
        await h.BuyAsync(9101, Now.AddDays(-5), "TEA", "CUP");
        Assert.Equal(1, (await h.Recommender.GetRulesAsync()).Baskets); // mined on the first basket
        await h.SeedAsync();
        Assert.Equal(1, (await h.Recommender.GetRulesAsync()).Baskets); // new baskets, but the rules are not an hour old
        Assert.Equal(121, (await h.Recommender.RefreshAsync()).Baskets);
        Assert.Equal(121, (await h.Recommender.GetRulesAsync()).Baskets);
    }

    [Fact]
    public async Task RepeatedDeliveries_AreOneBasket()
    {
        await using var h = new Harness();
        await h.BuyAsync(9201, Now.AddDays(-5), "TEA", "CUP");
        Assert.Equal(1, (await h.Recommender.RefreshAsync()).Baskets); // loaded
        await h.BuyAsync(9201, Now.AddDays(-5), "TEA", "CUP"); // the same order again: a duplicate
        await h.BuyAsync(9202, Now.AddDays(-4), "TEA");
        await h.BuyAsync(9202, Now.AddDays(-4), "TEA");
        Assert.Equal(2, (await h.Recommender.RefreshAsync()).Baskets);
        var order = Harness.Order(9203, Now.AddDays(-3), "CUP");
        var results = await h.Graph.IngestBatchAsync([order, Harness.Order(9204, Now.AddDays(-3), "TEA"), order]); // twice in one batch
        Assert.Equal([IngestStatus.Accepted, IngestStatus.Accepted, IngestStatus.Duplicate], results.Results.Select(r => r.Status));
        Assert.Equal(4, (await h.Recommender.RefreshAsync()).Baskets);
    }

    [Fact]
    public async Task ALoadTriggeredByAnotherObserver_DuringANotification_CountsItsBatchOnce()
    {
        // Campaigns ask the recommender while they are notified of a batch: that read loads the recommender from the
        // store, which already holds the batch, before the recommender hears of the same batch.
        await using var h = new Harness(reader: true);
        await h.BuyAsync(9301, Now.AddDays(-5), "TEA", "CUP");
        await h.BuyAsync(9302, Now.AddDays(-4), "TEA");
        Assert.Equal(2, (await h.Recommender.RefreshAsync()).Baskets);
    }

    /// <summary>An observer notified before the recommender that reads it on its first notification.</summary>
    private sealed class ReadingObserver(IServiceProvider services) : ICustomerChangeObserver
    {
        private bool _read;

        public async ValueTask OnCustomersChangedAsync(CustomerChangeSet changes, CancellationToken cancellationToken)
        {
            if (!_read)
            {
                _read = true;
                await services.GetRequiredService<IRecommender>().RecommendAsync("cus_anyone", 1, cancellationToken);
            }
        }
    }

    private sealed class Harness : IAsyncDisposable
    {
        private readonly ServiceProvider _provider;

        public Harness(TimeSpan? refreshInterval = null, bool reader = false)
        {
            var services = new ServiceCollection();
            services.AddSingleton<TimeProvider>(Clock);
            if (reader)
            {
                services.AddSingleton<ICustomerChangeObserver, ReadingObserver>();
            }

            services.AddEcrm().AddRecommendations(o => { o.MinSupport = 0.05; o.RefreshInterval = refreshInterval ?? TimeSpan.Zero; });
            _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
            Graph = _provider.GetRequiredService<ICustomerGraph>();
            Recommender = _provider.GetRequiredService<IRecommender>();
        }

        public FakeTimeProvider Clock { get; } = new(Now);

        public ICustomerGraph Graph { get; }

        public IRecommender Recommender { get; }

        public static string Phone(int person) => $"+86139{person:D8}";

        /// <summary>100 orders: tea in all, a cup with 70 of them, cream with 30, lipstick with 10 of those; 20 orders of a face mask alone.</summary>
        public async Task SeedAsync()
        {
            for (var i = 0; i < 100; i++)
            {
                var skus = new List<string> { "TEA" };
                if (i < 70)
                {
                    skus.Add("CUP");
                }

                if (i % 10 < 3)
                {
                    skus.Add("CREAM");
                }

                if (i % 10 == 0)
                {
                    skus.Add("LIP");
                }

                await BuyAsync(i, Now.AddDays(-100 + (i % 50)), [.. skus]);
            }

            for (var i = 200; i < 220; i++)
            {
                await BuyAsync(i, Now.AddDays(-80), "MASK");
            }
        }

        public async Task<string> BuyAsync(int person, DateTimeOffset at, params string[] skus)
        {
            await Graph.IngestAsync(Order(person, at, skus));
            return (await Graph.ResolveAsync(Identity.Phone(Phone(person))))!;
        }

        public static CustomerEvent Order(int person, DateTimeOffset at, params string[] skus)
            => new()
            {
                Id = $"order-{person}-{at.UtcTicks}",
                Channel = EventChannel.Shop,
                Type = EventType.Purchase,
                OccurredAt = at,
                Identities = [Identity.Phone(Phone(person))],
                Properties = new EventProperties
                {
                    Amount = 100m * skus.Length,
                    Currency = "CNY",
                    LineItems = [.. skus.Select(s => new LineItem { Sku = s, Name = Names[s].Name, Category = Names[s].Category, Quantity = 1, UnitPrice = 100m })],
                },
            };

        public ValueTask DisposeAsync() => _provider.DisposeAsync();

        private static readonly Dictionary<string, (string Name, string Category)> Names = new()
        {
            ["TEA"] = ("明前龙井", "茶叶"),
            ["CUP"] = ("紫砂杯", "茶具"),
            ["CREAM"] = ("保湿面霜", "美妆"),
            ["LIP"] = ("丝绒口红", "美妆"),
            ["MASK"] = ("补水面膜", "美妆"),
        };
    }
}
