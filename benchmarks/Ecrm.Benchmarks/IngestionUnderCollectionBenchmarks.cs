using BenchmarkDotNet.Attributes;

namespace Ecrm.Benchmarks;

/// <summary>
/// The same ingestion as <see cref="IngestionBenchmarks"/>, with the garbage collector as a default host runs it:
/// concurrent (background) workstation GC, and no collection forced between iterations. Each iteration then pays for
/// the collections its allocations cause, as a long-running ingestion does: almost everything ingestion allocates is
/// kept (the graph), so every collection copies it. <see cref="IngestionBenchmarks"/> forces a full collection before
/// each iteration and runs the non-concurrent collector, whose first-generation budget absorbs a whole iteration, so
/// it measures the work without the collector; this suite shows what the collector adds.
/// </summary>
[BenchmarkCategory("ingestion")]
[GcConcurrent(true)]
[GcForce(false)]
public class IngestionUnderCollectionBenchmarks : IngestionBenchmarks;
