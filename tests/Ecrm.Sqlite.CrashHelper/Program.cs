// The child process of the SIGKILL durability tests: ingests the seeded data set into a SQLite store in batches and
// prints "acked N" after each batch's ingestion call has returned (so the batch is acknowledged), until it is killed.
// With a fourth argument K, the store is closed after K batches and opened again ("reopened" is printed): it then
// opens from its graph index, and every later batch is written on a working set (log and index in one transaction).
using Ecrm;
using Ecrm.SampleData;
using Microsoft.Extensions.DependencyInjection;

if (args.Length is not (3 or 4))
{
    Console.Error.WriteLine("usage: Ecrm.Sqlite.CrashHelper DB_PATH PEOPLE BATCH_SIZE [REOPEN_AFTER_BATCHES]");
    return 2;
}

var reopenAfter = args.Length == 4 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : -1;
var events = new SampleDataGenerator().Generate(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture));
var provider = Open(args[0]);
var graph = provider.GetRequiredService<ICustomerGraph>();
var batch = 0;
foreach (var chunk in events.Chunk(int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture)))
{
    if (batch == reopenAfter)
    {
        await provider.DisposeAsync();
        provider = Open(args[0]);
        graph = provider.GetRequiredService<ICustomerGraph>();
        await graph.OpenAsync();
        Console.WriteLine("reopened");
    }

    await graph.IngestBatchAsync(chunk);
    Console.WriteLine($"acked {batch++}");
    Console.Out.Flush();
}

await provider.DisposeAsync();
Console.WriteLine("done");
return 0;

static ServiceProvider Open(string path)
{
    var services = new ServiceCollection();
    services.AddEcrm().UseSqliteStore(path);
    return services.BuildServiceProvider();
}
