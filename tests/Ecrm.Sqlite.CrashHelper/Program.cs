// The child process of the SIGKILL durability test: ingests the seeded data set into a SQLite store in batches and
// prints "acked N" after each batch's ingestion call has returned (so the batch is acknowledged), until it is killed.
using Ecrm;
using Ecrm.SampleData;
using Microsoft.Extensions.DependencyInjection;

if (args.Length != 3)
{
    Console.Error.WriteLine("usage: Ecrm.Sqlite.CrashHelper DB_PATH PEOPLE BATCH_SIZE");
    return 2;
}

var services = new ServiceCollection();
services.AddEcrm().UseSqliteStore(args[0]);
await using var provider = services.BuildServiceProvider();
var graph = provider.GetRequiredService<ICustomerGraph>();
var events = new SampleDataGenerator().Generate(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
var batch = 0;
foreach (var chunk in events.Chunk(int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture)))
{
    await graph.IngestBatchAsync(chunk);
    Console.WriteLine($"acked {batch++}");
    Console.Out.Flush();
}

Console.WriteLine("done");
return 0;
