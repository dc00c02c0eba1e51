using System.Diagnostics;
using System.Globalization;
using Ecrm.SampleData;
using Ecrm.SampleHost.Rendering;
using Ecrm.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Ecrm.SampleHost.Commands;

/// <summary>The default job: generate a seeded data set, ingest it with a progress bar, print 360 cards and figures.</summary>
internal static class DemoCommand
{
    public const int DefaultSeed = 20261123;
    public const int DefaultEvents = 100_000;
    private const int BatchSize = 2_000;

    public static async Task<int> RunAsync(CommandLine line, IServiceProvider services, ICustomerGraph graph, HostConsole console, CancellationToken cancellationToken)
    {
        var wanted = line.Int("events", DefaultEvents, 100, 20_000_000);
        var seed = line.Int("seed", DefaultSeed, 0, int.MaxValue);
        line.EnsureAllUsed();

        var people = SampleDataGenerator.PeopleForEvents(wanted);
        var o = console.Out;
        await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Ecrm.Sdk sample host: {people:N0} people on WeChat, Weibo, web, shop, store and e-mail (seed {seed})."));
        var watch = Stopwatch.StartNew();
        var events = new SampleDataGenerator(seed, checkoutConsent: true).Generate(people);
        await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Generated {events.Count:N0} events in {watch.Elapsed.TotalSeconds:F2} s."));

        var held = (await graph.GetStatisticsAsync(cancellationToken)).Events;
        var progress = new ProgressBar(console, "Ingesting", events.Count);
        long accepted = 0, duplicates = 0, rejected = 0;
        watch.Restart();
        var done = 0;
        foreach (var batch in events.Chunk(BatchSize))
        {
            var result = await graph.IngestBatchAsync(batch, cancellationToken);
            accepted += result.Accepted;
            duplicates += result.Duplicates;
            rejected += result.Rejected;
            progress.Report(done += batch.Length);
        }

        var elapsed = watch.Elapsed;
        progress.Complete();
        await o.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Ingested {events.Count:N0} events: {accepted:N0} accepted, {duplicates:N0} duplicates (channel retries), {rejected:N0} rejected in {elapsed.TotalSeconds:F2} s ({events.Count / Math.Max(elapsed.TotalSeconds, 1e-9):N0} events/s)."));
        await o.WriteLineAsync(Figures.Describe(await graph.GetStatisticsAsync(cancellationToken)));
        var store = services.GetRequiredService<CustomerStore>().Metadata;
        var kept = (await graph.GetStatisticsAsync(cancellationToken)).Events;
        await o.WriteLineAsync(store.IsDurable
            ? string.Create(CultureInfo.InvariantCulture, $"Store: {store.ProviderName} at {store.Location} (durable: {kept:N0} events kept, {held:N0} of them from earlier runs).")
            : $"Store: {store.ProviderName} (in process memory: nothing is kept after the run; choose --store sqlite:PATH to keep it).");
        await ScoreSummary.WriteAsync(o, services, graph, events.Max(e => e.OccurredAt), cancellationToken);
        await ListeningSummary.WriteAsync(o, services, events.Max(e => e.OccurredAt), cancellationToken);
        await CampaignSummary.WriteAsync(o, services, graph, events.Max(e => e.OccurredAt), cancellationToken);
        await o.WriteLineAsync();

        var picks = await PickShowcaseAsync(services.GetRequiredService<CustomerStore>(), cancellationToken);
        foreach (var (title, id) in picks)
        {
            var c = await graph.GetAsync(id, cancellationToken);
            if (c is not null)
            {
                CustomerCard.Write(o, title, c);
            }
        }

        if (picks.Count > 0 && await graph.GetAsync(picks[0].Id, cancellationToken) is { } first)
        {
            var identity = first.Profile.Identities.First(i => i.Identity.Kind == IdentityKind.Phone || i.Identity.Kind == IdentityKind.Email).Identity;
            await o.WriteLineAsync($"See any customer's full 360 as JSON:  dotnet run --project samples/Ecrm.SampleHost -- customer --identity {identity}");
        }

        return rejected > 0 ? 1 : 0;
    }

    /// <summary>Picks customers worth showing: the most connected, the top spender, the loudest prospect on Weibo.</summary>
    private static async Task<List<(string Title, string Id)>> PickShowcaseAsync(CustomerStore store, CancellationToken cancellationToken)
    {
        CustomerProfile? connected = null, spender = null, voice = null;
        await foreach (var p in store.ScanCustomersAsync(cancellationToken))
        {
            if (connected is null || (p.Channels.Count, p.Identities.Count) .CompareTo((connected.Channels.Count, connected.Identities.Count)) > 0)
            {
                connected = p;
            }

            if (spender is null || Net(p) > Net(spender))
            {
                spender = p;
            }

            if (p.IsProspect && p.Traits.TryGetValue("follower-count.weibo", out var f)
                && (voice is null || long.Parse(f.Value, CultureInfo.InvariantCulture) > long.Parse(voice.Traits["follower-count.weibo"].Value, CultureInfo.InvariantCulture)))
            {
                voice = p;
            }
        }

        var picks = new List<(string, string)>();
        if (connected is not null)
        {
            picks.Add(("Most connected customer", connected.Id));
        }

        if (spender is not null && spender.Id != connected?.Id)
        {
            picks.Add(("Top spender", spender.Id));
        }

        if (voice is not null)
        {
            picks.Add(("Loudest prospect on Weibo", voice.Id));
        }

        return picks;

        static decimal Net(CustomerProfile p) => p.Counters.Money.Sum(m => m.Net);
    }
}
