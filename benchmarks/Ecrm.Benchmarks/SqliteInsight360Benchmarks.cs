using BenchmarkDotNet.Attributes;
using Ecrm.Insights;
using Ecrm.Loyalty;
using Ecrm.Recommendations;
using Ecrm.Segments;
using Ecrm.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Ecrm.Benchmarks;

/// <summary>
/// What a process that only reads pays for one customer's full 360 (the graph's parts, the insight with its twenty
/// segments, the recommendations) on a SQLite store of the seeded data set, 100,000 and 1,000,000 events, written
/// once at set-up and ended by a refresh (models fitted, rules mined and stored): build the services, open the store
/// (from its graph index), one 360 of a customer picked in rotation, dispose. Baseline: the same process on the same
/// file with the stored models deleted before each iteration, so that the insights and the recommender load the
/// population on first use, refit and mine (what every process did before the models were stored; the iteration
/// stores them again, and the next iteration's set-up deletes them). Target (issue 19): 10x the events within 2x the
/// time and memory.
/// </summary>
[BenchmarkCategory("storage")]
[InvocationCount(1)]
[IterationCount(3)]
[WarmupCount(1)]
public class SqliteInsight360Benchmarks
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ecrm-bench-360-").FullName;
    private string _path = string.Empty;
    private string[] _customers = [];
    private int _next;

    [Params(100_000, 1_000_000)]
    public int Events { get; set; }

    [GlobalSetup]
    public void SetUp()
    {
        _path = Path.Combine(_folder, "store.db");
        using var provider = Services();
        var graph = provider.GetRequiredService<ICustomerGraph>();
        foreach (var batch in SeededEvents.InArrivalLayout(Events).Chunk(2_000))
        {
            graph.IngestBatchAsync(batch).AsTask().GetAwaiter().GetResult();
        }

        provider.GetRequiredService<ICustomerInsights>().RefreshAsync().AsTask().GetAwaiter().GetResult();
        provider.GetRequiredService<IRecommender>().RefreshAsync().AsTask().GetAwaiter().GetResult();
        var store = provider.GetRequiredService<Storage.CustomerStore>();
        _customers = [.. store.ScanCustomersAsync().ToBlockingEnumerable().Select(p => p.Id).Where((_, i) => i % 97 == 0).Take(100)];
    }

    [IterationSetup(Target = nameof(LoadingThePopulation))]
    public void ForgetTheModels()
    {
        using var connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM ecrm_derived; DELETE FROM ecrm_derived_values;";
        command.ExecuteNonQuery();
    }

    [Benchmark(Baseline = true, Description = "Open + one full 360, the population loaded (models not stored)")]
    public Task<Customer360?> LoadingThePopulation() => OpenAndReadAsync();

    [Benchmark(Description = "Open + one full 360 from the stored models (default)")]
    public Task<Customer360?> FromStoredModels() => OpenAndReadAsync();

    [GlobalCleanup]
    public void CleanUp()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<Customer360?> OpenAndReadAsync()
    {
        await using var provider = Services();
        var graph = provider.GetRequiredService<ICustomerGraph>();
        await graph.OpenAsync();
        var view = await graph.GetAsync(_customers[_next++ % _customers.Length]);
        return view?.Insight is null ? throw new InvalidOperationException("The 360 has no insight.") : view;
    }

    private ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddEcrm()
            .AddInsights(o =>
            {
                o.Loyalty.Rules.Add(new LoyaltyRule { Name = "spend", EventType = EventType.Purchase, PointsPerUnit = 1 });
                o.Loyalty.Tiers.Levels.Add(new TierLevel("silver", 0));
                o.Loyalty.Tiers.Levels.Add(new TierLevel("gold", 3000));
                for (var i = 0; i < TwentySegments.Rules.Length; i++)
                {
                    o.Segments.Add(SegmentDefinition.Parse($"s{i}", 1, TwentySegments.Rules[i]));
                }
            })
            .AddRecommendations()
            .UseSqliteStore(_path);
        return services.BuildServiceProvider();
    }
}
