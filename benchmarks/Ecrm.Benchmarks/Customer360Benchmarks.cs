using BenchmarkDotNet.Attributes;
using Ecrm.SampleData;
using Microsoft.Extensions.DependencyInjection;

namespace Ecrm.Benchmarks;

/// <summary>
/// The customer 360 lookup on a graph of at least 1,000,000 customers built from the seeded data set, in the
/// in-memory store and in the SQLite store (built, closed and reopened from its file, so the graph is the replayed
/// one): by identity (normalise, resolve, read) and by customer id, over 4,096 random customers in rotation. Target
/// for the durable stores: under 2 ms.
/// </summary>
/// <remarks>
/// Forced full collections between iterations are turned off: on a heap of several GB each takes seconds and says
/// nothing about a lookup.
/// </remarks>
[BenchmarkCategory("lookup")]
[GcForce(false)]
public class Customer360Benchmarks
{
    private static readonly Dictionary<string, Fixture> Shared = [];

    private const int TargetCustomers = 1_000_000;
    private ICustomerGraph _graph = null!;
    private Identity[] _phones = [];
    private string[] _ids = [];
    private int _next;

    /// <summary>Gets or sets the store: <c>memory</c> or <c>sqlite</c>.</summary>
    [Params("memory", "sqlite")]
    public string Store { get; set; } = "memory";

    [GlobalSetup]
    public async Task GlobalSetup()
    {
        if (!Shared.TryGetValue(Store, out var fixture))
        {
            Shared[Store] = fixture = await BuildAsync(Store);
        }

        (_graph, _phones, _ids) = (fixture.Graph, fixture.Phones, fixture.Ids);
    }

    [Benchmark(Description = "360 by identity (phone)")]
    public async Task<Customer360?> FindByIdentity() => await _graph.FindAsync(_phones[_next++ & 4095]);

    [Benchmark(Description = "360 by customer id")]
    public async Task<Customer360?> GetById() => await _graph.GetAsync(_ids[_next++ & 4095]);

    [Benchmark(Description = "resolve identity to customer id")]
    public async Task<string?> Resolve() => await _graph.ResolveAsync(_phones[_next++ & 4095]);

    private static async Task<Fixture> BuildAsync(string store)
    {
        var path = Path.Combine(Path.GetTempPath(), $"ecrm-bench-360-{Environment.ProcessId}.db");
        ServiceProvider Open()
        {
            var services = new ServiceCollection();
            var ecrm = services.AddEcrm();
            if (store == "sqlite")
            {
                ecrm.UseSqliteStore(path);
            }

            return services.BuildServiceProvider();
        }

        var provider = Open();
        var graph = provider.GetRequiredService<ICustomerGraph>();
        var events = new SampleDataGenerator().Generate(500_000);
        foreach (var chunk in events.Chunk(10_000))
        {
            await graph.IngestBatchAsync(chunk);
        }

        if (store == "sqlite")
        {
            await provider.DisposeAsync();
            var watch = System.Diagnostics.Stopwatch.StartNew();
            provider = Open(); // reopen: the graph is replayed from the file
            graph = provider.GetRequiredService<ICustomerGraph>();
            Console.WriteLine($"// sqlite: reopened {new FileInfo(path).Length / (1 << 20):N0} MiB in {watch.Elapsed.TotalSeconds:F1} s");
        }

        var stats = await graph.GetStatisticsAsync();
        if (stats.Customers < TargetCustomers)
        {
            throw new InvalidOperationException($"Expected at least {TargetCustomers:N0} customers, built {stats.Customers:N0}.");
        }

        Console.WriteLine($"// graph: {stats}");
        var random = new Random(7);
        var phones = events.SelectMany(e => e.Identities).Where(i => i.Kind == IdentityKind.Phone).Distinct().OrderBy(_ => random.Next()).Take(4096).ToArray();
        var ids = new string[phones.Length];
        for (var i = 0; i < phones.Length; i++)
        {
            ids[i] = (await graph.ResolveAsync(phones[i]))!;
        }

        return new Fixture(provider, graph, phones, ids);
    }

    private sealed record Fixture(ServiceProvider Provider, ICustomerGraph Graph, Identity[] Phones, string[] Ids);
}
