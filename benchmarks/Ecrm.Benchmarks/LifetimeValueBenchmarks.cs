using System.Globalization;
using BenchmarkDotNet.Attributes;
using Ecrm.Scoring;

namespace Ecrm.Benchmarks;

/// <summary>
/// Maximum-likelihood fits of the lifetime-value models on the CDNOW sample (2,357 customers, calibration to
/// 1997-09-30, weeks): target under 100 ms for the three together.
/// </summary>
[BenchmarkCategory("scoring")]
public class LifetimeValueBenchmarks
{
    private List<Purchase> _purchases = [];
    private PurchaseSummary[] _summaries = [];

    [GlobalSetup]
    public void Setup()
    {
        _purchases = File.ReadLines(Fixtures.Path("cdnow/CDNOW_sample.txt"))
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(f => new Purchase(f[0], DateOnly.ParseExact(f[2], "yyyyMMdd", CultureInfo.InvariantCulture), decimal.Parse(f[4], CultureInfo.InvariantCulture)))
            .ToList();
        _summaries = [.. Summarize().Values];
    }

    [Benchmark(Description = "Summarise 6,919 purchases")]
    public IReadOnlyDictionary<string, PurchaseSummary> Summarize() => PurchaseSummaries.Summarize(_purchases, new DateOnly(1997, 9, 30));

    [Benchmark(Description = "Fit BG/NBD")]
    public BgNbdModel FitBgNbd() => BgNbdModel.Fit(_summaries);

    [Benchmark(Description = "Fit Pareto/NBD")]
    public ParetoNbdModel FitParetoNbd() => ParetoNbdModel.Fit(_summaries);

    [Benchmark(Description = "Fit Gamma-Gamma")]
    public GammaGammaModel FitGammaGamma() => GammaGammaModel.Fit(_summaries);

    [Benchmark(Description = "Summarise + fit all three (the clv command's work)")]
    public double FitAll()
    {
        var s = Summarize().Values;
        return BgNbdModel.Fit(s).LogLikelihood + ParetoNbdModel.Fit(s).LogLikelihood + GammaGammaModel.Fit(s).LogLikelihood;
    }
}
