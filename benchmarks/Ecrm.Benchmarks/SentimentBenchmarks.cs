using BenchmarkDotNet.Attributes;
using Ecrm.Listening;

namespace Ecrm.Benchmarks;

/// <summary>
/// Sentiment scoring throughput on one core: short reviews (up to 50 characters) from the Chinese online-shopping
/// slice in tests/fixtures, scored by a model trained on the rest of the slice. Target: 100,000 reviews per second.
/// </summary>
[BenchmarkCategory("listening")]
public class SentimentBenchmarks
{
    private const int Reviews = 1_000;
    private SentimentModel _model = null!;
    private string[] _short = [];

    [GlobalSetup]
    public void Setup()
    {
        var rows = File.ReadLines(Fixtures.Path("sentiment/online_shopping_sample.csv")).Skip(1)
            .Select(l => l.Split(',', 3)).Where(f => f.Length == 3).Select(f => (Positive: f[1] == "1", Text: f[2])).ToList();
        _model = SentimentModel.Train(rows.Skip(1_500).Select(r => (r.Text, r.Positive)));
        _short = [.. rows.Take(1_500).Select(r => r.Text).Where(t => t.Length <= 50).Take(Reviews)];
    }

    [Benchmark(OperationsPerInvoke = Reviews, Description = "Score one short review (trained model)")]
    public double ScoreShortReviews()
    {
        var sum = 0.0;
        foreach (var text in _short)
        {
            sum += _model.Score(text);
        }

        return sum;
    }
}
