using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;

namespace Ecrm.Benchmarks;

/// <summary>The two run profiles: a short one that finishes in minutes on 2 cores, and BenchmarkDotNet's default.</summary>
public static class BenchmarkConfig
{
    public static IConfig Short() => Base().AddJob(Job.Default
        .WithLaunchCount(1)
        .WithWarmupCount(2)
        .WithIterationCount(6)
        .WithId("short"));

    public static IConfig Full() => Base().AddJob(Job.Default.WithId("full"));

    private static ManualConfig Base() => ManualConfig.CreateEmpty()
        .AddColumnProvider(DefaultColumnProviders.Instance)
        .AddLogger(BenchmarkDotNet.Loggers.ConsoleLogger.Default)
        .AddExporter(MarkdownExporter.GitHub)
        .AddDiagnoser(MemoryDiagnoser.Default)
        .WithSummaryStyle(SummaryStyle.Default.WithRatioStyle(RatioStyle.Trend))
        .WithOptions(ConfigOptions.JoinSummary);
}
