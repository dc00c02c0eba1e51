using BenchmarkDotNet.Attributes;
using Ecrm.Graph.Engine;

namespace Ecrm.Benchmarks;

/// <summary>
/// A late event at 100,000 customers who all used one store kiosk (<c>device:kiosk-1</c>): each invocation applies a
/// new event of one of them, older than everything in the graph, to the engine. With the sharing limit (the default,
/// 20 strong identities) the kiosk is shared and links no one, so the event rebuilds its own customer; the baseline is
/// the same engine with no limit (today's rules before the limit), where the kiosk chains all 100,000 into one raw
/// component that every late event rebuilds. Target: under 1 ms.
/// </summary>
[BenchmarkCategory("graph")]
public class SharedIdentityBenchmarks
{
    private const int People = 100_000;
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private GraphState _graph = null!;
    private int _next;

    /// <summary>Gets or sets whether the kiosk is subject to the sharing limit.</summary>
    [Params(false, true)]
    public bool Limited { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var options = new EcrmOptions();
        if (!Limited)
        {
            options.IdentityKinds["device"].SharedAfter = int.MaxValue; // no limit: below what validation allows, so set here on the engine's own options
        }

        _graph = new GraphState(new IdentityPolicy(options), "CNY");
        for (var i = 0; i < People; i++)
        {
            _graph.Apply(Visit($"visit-{i}", Start.AddSeconds(i), i));
        }

        _ = _graph.CollectChanges();
    }

    [Benchmark(Description = "late event of one of 100,000 kiosk users")]
    public int LateEvent()
    {
        var n = _next++;
        var outcome = _graph.Apply(Visit($"late-{n}", Start.AddDays(-1).AddSeconds(n), (n * 7919) % People));
        _ = _graph.CollectChanges();
        return outcome.Customer is null ? 0 : 1;
    }

    private static CustomerEvent Visit(string id, DateTimeOffset at, int person) => new()
    {
        Id = id,
        Channel = EventChannel.Store,
        Type = EventType.StoreVisit,
        OccurredAt = at,
        Identities = [Identity.Phone($"+86139{person:00000000}"), Identity.Device("kiosk-1")],
    };
}
