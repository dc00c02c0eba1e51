using System.Globalization;
using BenchmarkDotNet.Attributes;
using Ecrm.Insights;
using Ecrm.Loyalty;
using Ecrm.Segments;
using Microsoft.Extensions.DependencyInjection;

namespace Ecrm.Benchmarks;

/// <summary>
/// The whole real-time path for one event: ingest a purchase of an existing customer into a graph of about 10,000
/// people (the seeded data set), with and without the insights engine and 20 segments. The difference is what the
/// engine adds per event: re-reading the customer from the store, folding their ledger and tier, rebuilding their row
/// and re-testing the 20 segments.
/// </summary>
/// <remarks>
/// Each invocation adds a purchase to one of the data set's buyers in turn, so customers grow during the run; a fixed
/// invocation count keeps that growth to about four events per buyer, so the figure stays the cost for customers of about the
/// data set's own size.
/// </remarks>
[BenchmarkCategory("segments")]
[InvocationCount(1024)]
[IterationCount(20)]
public class RealTimeInsightsBenchmarks
{
    private GraphPair _graphs = null!;
    private Identity[] _buyers = [];
    private DateTimeOffset _at;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _graphs = new GraphPair(ecrm => ecrm.AddInsights(o =>
        {
            o.Loyalty.Rules.Add(new LoyaltyRule { Name = "spend", EventType = EventType.Purchase, PointsPerUnit = 1 });
            o.Loyalty.Tiers.Levels.Add(new TierLevel("silver", 0));
            o.Loyalty.Tiers.Levels.Add(new TierLevel("gold", 3000));
            for (var i = 0; i < TwentySegments.Rules.Length; i++)
            {
                o.Segments.Add(SegmentDefinition.Parse($"s{i}", 1, TwentySegments.Rules[i]));
            }
        }));
        _at = _graphs.LatestTime;
        _graphs.Services.GetRequiredService<ICustomerInsights>().RefreshAsync().AsTask().GetAwaiter().GetResult();
        _buyers = [.. _graphs.Events.Where(e => e.Type == EventType.Purchase).Select(e => e.Identities[0]).Distinct()];
    }

    [Benchmark(Baseline = true, Description = "Ingest one purchase (graph only)")]
    public async Task<IngestResult> Plain() => await _graphs.Plain.IngestAsync(NextEvent());

    [Benchmark(Description = "Ingest one purchase (graph + insights, 20 segments)")]
    public async Task<IngestResult> WithInsights() => await _graphs.Extended.IngestAsync(NextEvent());

    [GlobalCleanup]
    public void Cleanup() => _graphs.Dispose();

    private CustomerEvent NextEvent()
    {
        var n = _next++;
        return new CustomerEvent
        {
            Id = string.Create(CultureInfo.InvariantCulture, $"bench-{n}"),
            Channel = EventChannel.Shop,
            Type = EventType.Purchase,
            OccurredAt = _at,
            Identities = [_buyers[n % _buyers.Length]],
            Properties = new EventProperties { Amount = 99, Currency = "CNY", OrderId = string.Create(CultureInfo.InvariantCulture, $"bench-order-{n}") },
        };
    }
}
