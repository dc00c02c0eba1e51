using System.Globalization;
using Ecrm.Privacy;
using Microsoft.Extensions.DependencyInjection;

namespace Ecrm.SampleHost.Commands;

/// <summary>
/// <c>erase --identity KIND:VALUE</c>: erases the personal data of the customer who has the identity (through
/// <see cref="ICustomerPrivacy"/>) and prints the audit record, one fact per line; exit code 1 when no customer has it.
/// Unlike <c>customer</c>, it never ingests the default data set into an empty store.
/// </summary>
internal static class EraseCommand
{
    public const string RequestedBy = "ecrm-sample";
    public const string Reason = "erase command";

    public static async Task<int> RunAsync(CommandLine line, IServiceProvider services, ICustomerGraph graph, HostConsole console, CancellationToken cancellationToken)
    {
        if (await CustomerLookup.ResolveOnlyOptionAsync(line, graph, console, cancellationToken) is not { } customerId)
        {
            return 1;
        }

        var erasure = await services.GetRequiredService<ICustomerPrivacy>().EraseAsync(customerId, requestedBy: RequestedBy, reason: Reason, cancellationToken);
        await console.Out.WriteLineAsync($"Erased customer {erasure.CustomerId}");
        await console.Out.WriteLineAsync($"Erasure: {erasure.Id}");
        await console.Out.WriteLineAsync($"Pseudonym: {erasure.Pseudonym}");
        await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Events rewritten: {erasure.EventsRewritten}"));
        await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Identities removed: {erasure.IdentitiesRemoved}"));
        return 0;
    }
}
