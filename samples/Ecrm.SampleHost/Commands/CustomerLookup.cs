namespace Ecrm.SampleHost.Commands;

/// <summary>The <c>--identity KIND:VALUE</c> of the commands that act on one customer (<c>customer</c>, <c>erase</c>, <c>export</c>).</summary>
internal static class CustomerLookup
{
    /// <summary>Parses and normalises the identity like ingested ones; a malformed one is a usage error.</summary>
    public static Identity ParseIdentity(string text, ICustomerGraph graph)
    {
        try
        {
            return graph.IdentityNormalizer.Normalize(Identity.Parse(text));
        }
        catch (IdentityFormatException ex)
        {
            throw new UsageException($"--identity '{text}': {ex.Message}");
        }
    }

    /// <summary>
    /// Reads a command line that takes only <c>--identity</c> (and <c>--store</c>) and resolves the identity: the id
    /// of the customer who has it, or null after saying on standard error that no one has it.
    /// </summary>
    public static async Task<string?> ResolveOnlyOptionAsync(CommandLine line, ICustomerGraph graph, HostConsole console, CancellationToken cancellationToken)
    {
        var text = line.Required("identity");
        line.EnsureAllUsed();
        return await ResolveAsync(ParseIdentity(text, graph), graph, console, cancellationToken);
    }

    /// <summary>The id of the customer who has the identity, or null after saying on standard error that no one has it.</summary>
    public static async Task<string?> ResolveAsync(Identity identity, ICustomerGraph graph, HostConsole console, CancellationToken cancellationToken)
    {
        var customerId = await graph.ResolveAsync(identity, cancellationToken);
        if (customerId is null)
        {
            await console.Error.WriteLineAsync($"No customer has the identity {identity}.");
        }

        return customerId;
    }
}
