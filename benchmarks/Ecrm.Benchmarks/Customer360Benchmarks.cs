using BenchmarkDotNet.Attributes;
using Ecrm.SampleData;
using Microsoft.Extensions.DependencyInjection;

namespace Ecrm.Benchmarks;

/// <summary>
/// The customer 360 lookup on an in-memory graph of at least 1,000,000 customers built from the seeded data set:
/// by identity (normalise, resolve, read) and by customer id.
/// </summary>
[BenchmarkCategory("lookup")]
public class Customer360Benchmarks
{
    private const int TargetCustomers = 1_000_000;
    private ServiceProvider? _provider;
    private ICustomerGraph _graph = null!;
    private Identity[] _phones = [];
    private string[] _ids = [];
    private int _next;

    [GlobalSetup]
    public async Task GlobalSetup()
    {
        _provider = new ServiceCollection().AddEcrm().Services.BuildServiceProvider();
        _graph = _provider.GetRequiredService<ICustomerGraph>();
        var generator = new SampleDataGenerator();
        var people = 460_000;
        var events = generator.Generate(people);
        foreach (var chunk in events.Chunk(10_000))
        {
            await _graph.IngestBatchAsync(chunk);
        }

        var stats = await _graph.GetStatisticsAsync();
        if (stats.Customers < TargetCustomers)
        {
            throw new InvalidOperationException($"Expected at least {TargetCustomers:N0} customers, built {stats.Customers:N0}.");
        }

        Console.WriteLine($"// graph: {stats}");
        var random = new Random(7);
        _phones = events.SelectMany(e => e.Identities).Where(i => i.Kind == IdentityKind.Phone).Distinct().OrderBy(_ => random.Next()).Take(4096).ToArray();
        _ids = new string[_phones.Length];
        for (var i = 0; i < _phones.Length; i++)
        {
            _ids[i] = (await _graph.ResolveAsync(_phones[i]))!;
        }
    }

    [Benchmark(Description = "360 by identity (phone)")]
    public async Task<Customer360?> FindByIdentity() => await _graph.FindAsync(_phones[_next++ & 4095]);

    [Benchmark(Description = "360 by customer id")]
    public async Task<Customer360?> GetById() => await _graph.GetAsync(_ids[_next++ & 4095]);

    [Benchmark(Description = "resolve identity to customer id")]
    public async Task<string?> Resolve() => await _graph.ResolveAsync(_phones[_next++ & 4095]);

    [GlobalCleanup]
    public void Cleanup() => _provider?.Dispose();
}
