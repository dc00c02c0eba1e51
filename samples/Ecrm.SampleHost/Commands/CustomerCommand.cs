using System.Text.Json;
using Ecrm.SampleData;
using Ecrm.SampleHost.Rendering;

namespace Ecrm.SampleHost.Commands;

/// <summary>
/// <c>customer --identity KIND:VALUE [--events FILE.jsonl]</c>: prints the customer 360 as JSON, after ingesting FILE,
/// or the default seeded data set when no file is given and the store is empty (the in-memory store always is).
/// </summary>
internal static class CustomerCommand
{
    public static async Task<int> RunAsync(CommandLine line, IServiceProvider services, ICustomerGraph graph, HostConsole console, CancellationToken cancellationToken)
    {
        var text = line.Required("identity");
        var path = line.Optional("events");
        line.EnsureAllUsed();

        var identity = CustomerLookup.ParseIdentity(text, graph);

        if (path is not null)
        {
            await EventFileIngestor.IngestAsync(path, graph, console with { Quiet = true }, cancellationToken);
            await PopulationRefresh.RunAsync(services, cancellationToken);
        }
        else if ((await graph.GetStatisticsAsync(cancellationToken)).Events == 0)
        {
            var events = new SampleDataGenerator(DemoCommand.DefaultSeed, checkoutConsent: true).Generate(SampleDataGenerator.PeopleForEvents(DemoCommand.DefaultEvents));
            await graph.IngestBatchAsync(events, cancellationToken);
            await PopulationRefresh.RunAsync(services, cancellationToken);
        }

        var customer = await graph.FindAsync(identity, cancellationToken);
        if (customer is null)
        {
            await console.Error.WriteLineAsync($"No customer has the identity {identity}.");
            return 1;
        }

        await console.Out.WriteLineAsync(JsonSerializer.Serialize(customer, HostJson.Indented.Customer360));
        return 0;
    }
}
