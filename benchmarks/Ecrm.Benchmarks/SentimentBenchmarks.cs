using BenchmarkDotNet.Attributes;
using Ecrm.Listening;

namespace Ecrm.Benchmarks;

/// <summary>
/// Sentiment scoring throughput on one core: short reviews (up to 50 characters) from the Chinese online-shopping
/// slice in tests/fixtures, scored by the zero-configuration lexicon analyzer and by models trained on the rest of the
/// slice (with the lexicon's evidence blended in, the default, and n-grams only), and read in full for listening
/// (sentiment plus per-clause aspects, brands and request cues). Target: 100,000 reviews per second.
/// </summary>
[BenchmarkCategory("listening")]
public class SentimentBenchmarks
{
    private const int Reviews = 1_000;
    private SentimentModel _blended = null!;
    private SentimentModel _ngrams = null!;
    private ListeningTextAnalyzer _listening = null!;
    private string[] _short = [];

    [GlobalSetup]
    public void Setup()
    {
        var rows = File.ReadLines(Fixtures.Path("sentiment/online_shopping_sample.csv")).Skip(1)
            .Select(l => l.Split(',', 3)).Where(f => f.Length == 3).Select(f => (Positive: f[1] == "1", Text: f[2])).ToList();
        _blended = SentimentModel.Train(rows.Skip(1_500).Select(r => (r.Text, r.Positive)));
        _ngrams = SentimentModel.Train(rows.Skip(1_500).Select(r => (r.Text, r.Positive)), useLexicon: false);
        var options = new ListeningOptions { OwnBrand = new BrandDefinition("青禾", ["Qinghe"]) };
        options.Competitors.Add(new BrandDefinition("云杉", ["Yunshan"]));
        _listening = new ListeningTextAnalyzer(options, LexiconSentimentAnalyzer.Default);
        _short = [.. rows.Take(1_500).Select(r => r.Text).Where(t => t.Length <= 50).Take(Reviews)];
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Reviews, Description = "Score one short review (zero-configuration lexicon)")]
    public double Lexicon()
    {
        var sum = 0.0;
        foreach (var text in _short)
        {
            sum += LexiconSentimentAnalyzer.Default.Analyze(text).Score;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Reviews, Description = "Score one short review (trained model, lexicon blended)")]
    public double ScoreShortReviews()
    {
        var sum = 0.0;
        foreach (var text in _short)
        {
            sum += _blended.Score(text);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Reviews, Description = "Score one short review (trained model, n-grams only)")]
    public double NgramsOnly()
    {
        var sum = 0.0;
        foreach (var text in _short)
        {
            sum += _ngrams.Score(text);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Reviews, Description = "Read one short review for listening (sentiment, aspects, brands, request)")]
    public int ReadForListening()
    {
        var found = 0;
        foreach (var text in _short)
        {
            var analysis = _listening.Analyze(text);
            found += analysis.Aspects.Count + analysis.Brands.Count;
        }

        return found;
    }
}
