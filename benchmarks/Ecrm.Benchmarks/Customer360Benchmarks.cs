using BenchmarkDotNet.Attributes;
using Ecrm.SampleData;
using Microsoft.Extensions.DependencyInjection;

namespace Ecrm.Benchmarks;

/// <summary>
/// The customer 360 lookup on an in-memory graph of at least 1,000,000 customers built from the seeded data set:
/// by identity (normalise, resolve, read) and by customer id, over 4,096 random customers in rotation.
/// </summary>
/// <remarks>
/// Forced full collections between iterations are turned off: on a heap of several GB each takes seconds and says
/// nothing about a lookup.
/// </remarks>
[BenchmarkCategory("lookup")]
[GcForce(false)]
public class Customer360Benchmarks
{
    private static Fixture? shared;

    private const int TargetCustomers = 1_000_000;
    private ICustomerGraph _graph = null!;
    private Identity[] _phones = [];
    private string[] _ids = [];
    private int _next;

    [GlobalSetup]
    public async Task GlobalSetup()
    {
        shared ??= await BuildAsync();
        (_graph, _phones, _ids) = (shared.Graph, shared.Phones, shared.Ids);
    }

    [Benchmark(Description = "360 by identity (phone)")]
    public async Task<Customer360?> FindByIdentity() => await _graph.FindAsync(_phones[_next++ & 4095]);

    [Benchmark(Description = "360 by customer id")]
    public async Task<Customer360?> GetById() => await _graph.GetAsync(_ids[_next++ & 4095]);

    [Benchmark(Description = "resolve identity to customer id")]
    public async Task<string?> Resolve() => await _graph.ResolveAsync(_phones[_next++ & 4095]);

    private static async Task<Fixture> BuildAsync()
    {
        var provider = new ServiceCollection().AddEcrm().Services.BuildServiceProvider();
        var graph = provider.GetRequiredService<ICustomerGraph>();
        var events = new SampleDataGenerator().Generate(500_000);
        foreach (var chunk in events.Chunk(10_000))
        {
            await graph.IngestBatchAsync(chunk);
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
