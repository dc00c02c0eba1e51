using BenchmarkDotNet.Running;
using Ecrm.Benchmarks;

if (args is ["resolution-phases", ..])
{
    return Ecrm.Benchmarks.Accuracy.ResolutionPhases.Run();
}

if (args is ["resolution-accuracy", ..])
{
    return Ecrm.Benchmarks.Accuracy.ResolutionAccuracyReport.Run(args);
}

// Short runs by default (minutes on 2 cores); pass --full for BenchmarkDotNet's default job.
var full = args.Contains("--full");
var rest = args.Where(a => a != "--full").ToArray();
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(rest, full ? BenchmarkConfig.Full() : BenchmarkConfig.Short());
return 0;
