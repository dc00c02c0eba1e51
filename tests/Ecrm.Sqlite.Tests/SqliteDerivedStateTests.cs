using System.Text.Json;
using Ecrm.Insights;
using Ecrm.Loyalty;
using Ecrm.Privacy;
using Ecrm.Recommendations;
using Ecrm.SampleData;
using Ecrm.Segments;
using Ecrm.Storage;
using Ecrm.Storage.ConformanceTests;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Ecrm.Sqlite.Tests;

/// <summary>
/// Derived state kept in the SQLite file: a process that reads one customer at a time answers the insight and the
/// recommendations of the 360 from the population models the store keeps and that customer's own rows, exactly as a
/// process that loaded everyone answers, without loading anyone else; models written under other options, unreadable
/// ones and ones computed before an erasure are never used; an erasure leaves none behind.
/// </summary>
public sealed class SqliteDerivedStateTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Cold360s_FromTheStoredModels_AnswerWhatTheLoadedPopulationAnswers_WithoutLoadingIt()
    {
        var path = _folder.NewFile();
        var events = new SampleDataGenerator(5, checkoutConsent: true).Generate(SampleDataGenerator.PeopleForEvents(6000));
        List<string> ids;
        Dictionary<string, string> loaded = [];
        await using (var host = Host.Open(path))
        {
            foreach (var batch in events.Chunk(500))
            {
                await host.Graph.IngestBatchAsync(batch);
            }

            await host.RefreshAsync();
            ids = [.. (await StoreReads.KnownIdsAsync(host.Store)).Where((_, i) => i % 7 == 0).Take(150)];
            foreach (var id in ids)
            {
                loaded[id] = await host.DerivedPartsAsync(id);
            }
        }

        await using var cold = Host.Open(path);
        await cold.Graph.OpenAsync();
        var store = (SqliteCustomerStore)cold.Store;
        Assert.True(store.ReadsFromIndex);
        var segmented = 0;
        foreach (var id in ids)
        {
            var parts = await cold.DerivedPartsAsync(id);
            Assert.Equal(loaded[id], parts);
            segmented += parts.Contains("\"segments\":[{", StringComparison.Ordinal) ? 1 : 0;
        }

        Assert.True(store.ReadsFromIndex); // no read brought the graph, or anyone's history, into memory
        Assert.InRange(segmented, 10, ids.Count); // the comparison covers segment members, not only empty lists
        Assert.Contains(ids, id => loaded[id].Contains("\"rfm\":{", StringComparison.Ordinal));
        Assert.Contains(ids, id => loaded[id].Contains("\"lifetime\":{", StringComparison.Ordinal));
        Assert.Contains(ids, id => loaded[id].Contains("\"source\":\"Rule\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithoutStoredModels_TheFirst360LoadsThePopulation_AndStoresThemForTheNextProcess()
    {
        var path = _folder.NewFile();
        string id;
        await using (var host = Host.Open(path, derived: false)) // a host without insights or recommendations wrote the file
        {
            await host.Graph.IngestBatchAsync(new SampleDataGenerator(8).Generate(300));
            id = (await StoreReads.KnownIdsAsync(host.Store))[3];
        }

        string first;
        await using (var host = Host.Open(path))
        {
            await host.Graph.OpenAsync();
            Assert.True(((SqliteCustomerStore)host.Store).ReadsFromIndex);
            Assert.Null(await ((IDerivedStateStore)host.Store).ReadDerivedStateAsync("insights.population", CancellationToken.None));
            first = await host.DerivedPartsAsync(id);
            Assert.False(((SqliteCustomerStore)host.Store).ReadsFromIndex); // no models: the population was loaded
        }

        await using var cold = Host.Open(path);
        Assert.Equal(first, await cold.DerivedPartsAsync(id));
        Assert.True(((SqliteCustomerStore)cold.Store).ReadsFromIndex);
    }

    [Fact]
    public async Task StoredModels_FittedBeforeThePopulationGrew_OrTooOld_ServeAtOnce_AndTheNextTickRefitsInTheBackground()
    {
        var path = _folder.NewFile();
        var events = new SampleDataGenerator(14).Generate(600);
        string id;
        await using (var host = Host.Open(path))
        {
            // The first change loads the insights, which fit and store models of the first batch's customers alone;
            // nothing refits after the rest (no RefreshAsync, no time passes).
            foreach (var batch in events.Chunk(300))
            {
                await host.Graph.IngestBatchAsync(batch);
            }

            id = (await StoreReads.KnownIdsAsync(host.Store))[0];
        }

        var clock = new FakeTimeProvider(Now + TimeSpan.FromMinutes(2));
        await using (var grown = Host.Open(path, clock: clock))
        {
            // Due (the population grew by more than 10%): the read does not wait for a refit on everyone; it answers
            // from the stored models and says when they were fitted.
            Assert.Equal(Now, (await grown.Insights.GetAsync(id))!.ModelsFittedAt);
            Assert.True(((SqliteCustomerStore)grown.Store).ReadsFromIndex);
            clock.Advance(TimeSpan.FromMinutes(1)); // the tick starts the refit in the background
            Assert.Equal(Now + TimeSpan.FromMinutes(3), await ModelsFittedAfterAsync(grown, id, Now));
            Assert.False(((SqliteCustomerStore)grown.Store).ReadsFromIndex); // refitted on everyone
        }

        await using (var fresh = Host.Open(path, clock: new FakeTimeProvider(Now + TimeSpan.FromMinutes(4))))
        {
            Assert.Equal(Now + TimeSpan.FromMinutes(3), (await fresh.Insights.GetAsync(id))!.ModelsFittedAt);
            Assert.True(((SqliteCustomerStore)fresh.Store).ReadsFromIndex); // the refit's models cover everyone: used
        }

        var later = new FakeTimeProvider(Now + TimeSpan.FromHours(3));
        await using var old = Host.Open(path, clock: later);
        Assert.Equal(Now + TimeSpan.FromMinutes(3), (await old.Insights.GetAsync(id))!.ModelsFittedAt); // older than PopulationRefreshInterval: served, then refitted
        later.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(Now + TimeSpan.FromHours(3) + TimeSpan.FromMinutes(1), await ModelsFittedAfterAsync(old, id, Now + TimeSpan.FromMinutes(3)));
        Assert.False(((SqliteCustomerStore)old.Store).ReadsFromIndex);
    }

    /// <summary>Reads the customer's insight until its models are newer than the given fit (a background refit ran), for at most 30 s.</summary>
    private static async Task<DateTimeOffset?> ModelsFittedAfterAsync(Host host, string id, DateTimeOffset fitted)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        DateTimeOffset? seen;
        do
        {
            seen = (await host.Insights.GetAsync(id))!.ModelsFittedAt;
            if (seen != fitted)
            {
                return seen;
            }

            await Task.Delay(20);
        }
        while (DateTime.UtcNow < deadline);
        return seen;
    }

    [Fact]
    public async Task ModelsOfAnotherCurrency_OrUnreadable_AreNotUsed()
    {
        var path = _folder.NewFile();
        string id;
        await using (var host = Host.Open(path))
        {
            await host.Graph.IngestBatchAsync(new SampleDataGenerator(9).Generate(300));
            await host.RefreshAsync();
            id = (await StoreReads.KnownIdsAsync(host.Store))[0];
        }

        await using (var cny = Host.Open(path))
        {
            Assert.NotNull(await cny.Insights.GetAsync(id));
            Assert.True(((SqliteCustomerStore)cny.Store).ReadsFromIndex); // the same options: the stored models serve
        }

        await using (var usd = Host.Open(path, o => o.Currency = "USD"))
        {
            var insight = await usd.Insights.GetAsync(id);
            Assert.False(((SqliteCustomerStore)usd.Store).ReadsFromIndex); // the CNY models were not taken for USD ones
            Assert.Equal(Now, insight!.ModelsFittedAt);
        }

        SqliteFile.Execute(path, "UPDATE ecrm_derived SET payload = X'7B226F7074696F6E73223A' WHERE name = 'insights.population'"); // {"options":
        await using var broken = Host.Open(path, o => o.Currency = "USD");
        Assert.NotNull(await broken.Insights.GetAsync(id)); // logged, then computed from the population
        Assert.False(((SqliteCustomerStore)broken.Store).ReadsFromIndex);
    }

    [Fact]
    public async Task AWriteComputedBeforeAnErasure_IsRefused_AndAnErasureLeavesNoDerivedState()
    {
        var path = _folder.NewFile();
        var events = new SampleDataGenerator(12).Generate(300);
        string erased;
        await using (var host = Host.Open(path))
        {
            await host.Graph.IngestBatchAsync(events);
            await host.RefreshAsync();
            var derived = (IDerivedStateStore)host.Store;
            erased = (await StoreReads.KnownIdsAsync(host.Store))[5];
            var seen = (await host.Store.GetErasuresAsync()).Count;
            Assert.NotNull(await derived.ReadDerivedStateAsync("insights.population", CancellationToken.None));

            await host.Privacy.EraseAsync(erased, "dpo@example.com", "test");
            Assert.Null(await derived.ReadDerivedStateAsync("insights.population", CancellationToken.None));
            Assert.Null(await derived.ReadDerivedStateAsync("recommendations.rules", CancellationToken.None));

            var late = new DerivedState("insights.population", "ecrm.insights.population/1", [1, 2, 3]);
            Assert.False(await derived.WriteDerivedStateAsync(late, [new(erased, 0.5)], seen, CancellationToken.None));
            Assert.Null(await derived.ReadDerivedStateAsync("insights.population", CancellationToken.None));
            Assert.Null(await derived.ReadDerivedValueAsync("insights.population", erased, CancellationToken.None));
            Assert.True(await derived.WriteDerivedStateAsync(late, [], seen + 1, CancellationToken.None));
        }

        Assert.Equal(0, SqliteFile.Count(path, "ecrm_derived_values")); // the erasure removed every value, the refused write added none

        await using var again = Host.Open(path);
        await again.RefreshAsync(); // the refit after the erasure writes again
        Assert.NotNull(await ((IDerivedStateStore)again.Store).ReadDerivedStateAsync("insights.population", CancellationToken.None));
        await again.DisposeAsync();
        Assert.True(SqliteFile.Count(path, "ecrm_derived_values") > 0);
    }

    /// <summary>A host with insights (the sample host's programme) and recommendations over a SQLite file, on a fixed clock.</summary>
    private sealed class Host : IAsyncDisposable
    {
        private readonly ServiceProvider _provider;

        private Host(ServiceProvider provider)
        {
            _provider = provider;
            Graph = provider.GetRequiredService<ICustomerGraph>();
            Store = provider.GetRequiredService<CustomerStore>();
            Insights = provider.GetService<ICustomerInsights>()!;
            Recommender = provider.GetService<IRecommender>()!;
            Privacy = provider.GetRequiredService<ICustomerPrivacy>();
        }

        public ICustomerPrivacy Privacy { get; }

        public ICustomerGraph Graph { get; }

        public CustomerStore Store { get; }

        public ICustomerInsights Insights { get; }

        public IRecommender Recommender { get; }

        public static Host Open(string path, Action<InsightsOptions>? more = null, FakeTimeProvider? clock = null, bool derived = true)
        {
            var services = new ServiceCollection();
            services.AddSingleton<TimeProvider>(clock ?? new FakeTimeProvider(Now));
            var ecrm = services.AddEcrm(o => o.DefaultPhoneRegion = "CN").UseSqliteStore(path);
            if (!derived)
            {
                return new Host(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true }));
            }

            ecrm.AddInsights(o =>
                {
                    o.Loyalty.Rules.Add(new LoyaltyRule { Name = "welcome", EventType = EventType.Follow, Points = 100, MaxPerLifetime = 1 });
                    o.Loyalty.Rules.Add(new LoyaltyRule { Name = "spend", EventType = EventType.Purchase, PointsPerUnit = 1 });
                    o.Loyalty.Tiers.Levels.Add(new TierLevel("silver", 0));
                    o.Loyalty.Tiers.Levels.Add(new TierLevel("gold", 3000));
                    o.Segments.Add(SegmentDefinition.Parse("vip", 1, "tier in (\"gold\", \"platinum\")"));
                    o.Segments.Add(SegmentDefinition.Parse("phone-buyers", 1, "count(purchase, 180d, category = \"手机\") >= 1"));
                    o.Segments.Add(SegmentDefinition.Parse("engaged", 1, "engagement >= 10"));
                    o.Segments.Add(SegmentDefinition.Parse("lapsed", 1, "orders >= 1 and recency > 90"));
                    o.Segments.Add(SegmentDefinition.Parse("valuable", 1, "clv > 100 or influence > 0.001 or rfm = \"champions\""));
                    more?.Invoke(o);
                })
                .AddRecommendations();
            return new Host(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true }));
        }

        public async Task RefreshAsync()
        {
            await Insights.RefreshAsync();
            await Recommender.RefreshAsync();
        }

        /// <summary>The 360's derived parts (insight and recommendations) as JSON.</summary>
        public async Task<string> DerivedPartsAsync(string customerId)
        {
            var view = await Graph.GetAsync(customerId);
            Assert.NotNull(view);
            return JsonSerializer.Serialize(new { insight = view.Insight, recommendations = view.Recommendations }, Json);
        }

        public async ValueTask DisposeAsync() => await _provider.DisposeAsync();

        private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
    }
}
