using System.Text;
using Ecrm.SampleData;
using Ecrm.Serialization;
using Microsoft.Extensions.DependencyInjection;

namespace Ecrm.Benchmarks;

/// <summary>The seeded data set as the ingestion benchmarks feed it, and the loop that feeds it.</summary>
internal static class SeededEvents
{
    /// <summary>
    /// About <paramref name="count"/> events of the seeded data set, laid out in memory in arrival order. The generator
    /// builds each person's events together and then sorts the stream by time, which scatters the events across the heap
    /// relative to arrival order; real ingestion reads events just parsed from the wire, so a JSON round trip in arrival
    /// order reproduces that layout.
    /// </summary>
    public static List<CustomerEvent> InArrivalLayout(int count) =>
        [.. new SampleDataGenerator().Generate(SampleDataGenerator.PeopleForEvents(count))
            .Select(e => EventJsonLines.Deserialize(Encoding.UTF8.GetBytes(EventJsonLines.Serialize(e))))];

    /// <summary>Writes events into a new SQLite store at <paramref name="path"/> through the graph, in batches of 2,000, and closes it (which writes the index rows still waiting).</summary>
    public static void WriteSqliteStore(string path, IEnumerable<CustomerEvent> events)
    {
        var services = new ServiceCollection();
        services.AddEcrm().UseSqliteStore(path);
        using var provider = services.BuildServiceProvider();
        var graph = provider.GetRequiredService<ICustomerGraph>();
        foreach (var batch in events.Chunk(2_000))
        {
            graph.IngestBatchAsync(batch).AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Ingests batches in order and counts the accepted events.</summary>
    public static async Task<int> IngestAsync(ICustomerGraph graph, CustomerEvent[][] batches)
    {
        var accepted = 0;
        foreach (var batch in batches)
        {
            accepted += (await graph.IngestBatchAsync(batch)).Accepted;
        }

        return accepted;
    }
}
