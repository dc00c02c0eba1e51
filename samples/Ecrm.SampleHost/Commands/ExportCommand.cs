using System.Text;
using Ecrm.Privacy;
using Microsoft.Extensions.DependencyInjection;

namespace Ecrm.SampleHost.Commands;

/// <summary>
/// <c>export --identity KIND:VALUE</c>: writes everything held about the customer who has the identity (the JSON
/// document of <see cref="ICustomerPrivacy.ExportAsync"/>) to standard output; exit code 1 when no customer has it.
/// Unlike <c>customer</c>, it never ingests the default data set into an empty store.
/// </summary>
internal static class ExportCommand
{
    public static async Task<int> RunAsync(CommandLine line, IServiceProvider services, ICustomerGraph graph, HostConsole console, CancellationToken cancellationToken)
    {
        if (await CustomerLookup.ResolveOnlyOptionAsync(line, graph, console, cancellationToken) is not { } customerId)
        {
            return 1;
        }

        using var json = new MemoryStream();
        await services.GetRequiredService<ICustomerPrivacy>().ExportAsync(customerId, json, cancellationToken);
        await console.Out.WriteLineAsync(Encoding.UTF8.GetString(json.GetBuffer(), 0, checked((int)json.Length)));
        return 0;
    }
}
