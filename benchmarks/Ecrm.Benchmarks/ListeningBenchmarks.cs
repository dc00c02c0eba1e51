using System.Globalization;
using BenchmarkDotNet.Attributes;
using Ecrm.Listening;
using Microsoft.Extensions.DependencyInjection;

namespace Ecrm.Benchmarks;

/// <summary>
/// What listening adds to ingesting one text event: a Weibo comment (one in four negative, so an alert is raised or
/// joined with the author's 360 snapshot) by an existing customer of a graph of about 10,000 people (the seeded data
/// set), with and without listening.
/// </summary>
[BenchmarkCategory("listening")]
[InvocationCount(1024)]
[IterationCount(20)]
public class ListeningBenchmarks
{
    private static readonly string[] Texts = ["质量很好，物流也快，五星好评！", "快递太慢了，等了一个星期才到", "青禾的耳机音质真好，比云杉的强多了", "希望能出一个粉色款"];
    private GraphPair _graphs = null!;
    private Identity[] _voices = [];
    private DateTimeOffset _at;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _graphs = new GraphPair(ecrm => ecrm.AddListening(o =>
        {
            o.OwnBrand = new BrandDefinition("青禾", ["Qinghe"]);
            o.Competitors.Add(new BrandDefinition("云杉", ["Yunshan"]));
        }));
        _at = _graphs.LatestTime;
        _voices = [.. _graphs.Events.Where(e => e.Channel == EventChannel.Weibo).Select(e => e.Identities[0]).Distinct()];
    }

    [Benchmark(Baseline = true, Description = "Ingest one comment (graph only)")]
    public async Task<IngestResult> Plain() => await _graphs.Plain.IngestAsync(NextEvent());

    [Benchmark(Description = "Ingest one comment (graph + listening)")]
    public async Task<IngestResult> WithListening() => await _graphs.Extended.IngestAsync(NextEvent());

    [GlobalCleanup]
    public void Cleanup() => _graphs.Dispose();

    private CustomerEvent NextEvent()
    {
        var n = _next++;
        return new CustomerEvent
        {
            Id = string.Create(CultureInfo.InvariantCulture, $"bench-comment-{n}"),
            Channel = EventChannel.Weibo,
            Type = EventType.Comment,
            OccurredAt = _at.AddSeconds(n % 86_400),
            Identities = [_voices[n % _voices.Length]],
            Properties = new EventProperties { Text = Texts[n % Texts.Length], TargetPostId = string.Create(CultureInfo.InvariantCulture, $"post-{n % 97}"), FollowerCount = 1_000 },
        };
    }
}
