using Ecrm.Storage.ConformanceTests;

namespace Ecrm.Core.Tests.Graph;

/// <summary>Structural invariants of a customer graph, asserted against the events that built it.</summary>
internal static class GraphInvariants
{
    /// <param name="harness">The graph and its store.</param>
    /// <param name="events">The events that built it.</param>
    /// <param name="results">Their ingestion results.</param>
    /// <param name="sharedAfter">The devices' sharing limit, if the test set one: a device seen with more strong identities than that belongs to no person, and has a customer only if some event carries nothing else.</param>
    public static async Task AssertAsync(GraphHarness harness, IReadOnlyList<CustomerEvent> events, IReadOnlyList<IngestResult> results, int? sharedAfter = null)
    {
        var shared = sharedAfter is { } limit
            ? events.SelectMany(e => e.Identities.Where(i => i.Kind == IdentityKind.Device).Select(d => (d, e)))
                .GroupBy(x => x.d, x => x.e)
                .Where(g => g.SelectMany(e => e.Identities).Where(i => i.Kind != IdentityKind.Device).Distinct().Count() > limit)
                .Select(g => g.Key)
                .ToHashSet()
            : [];
        var graph = harness.Graph;
        var owner = new Dictionary<Identity, string>();
        var timelineEvents = new HashSet<string>(StringComparer.Ordinal);
        long counted = 0;
        await foreach (var p in harness.Store.ScanCustomersAsync())
        {
            // each identity belongs to exactly one customer, and resolves to it
            foreach (var i in p.Identities)
            {
                Assert.True(owner.TryAdd(i.Identity, p.Id), $"{i.Identity} is listed by {owner.GetValueOrDefault(i.Identity)} and {p.Id}");
                Assert.Equal(p.Id, await graph.ResolveAsync(i.Identity));
            }

            // unique kinds hold at most one value per scope
            var unique = p.Identities.Select(i => i.Identity).Where(i => i.Kind == IdentityKind.MemberCard || i.Kind == IdentityKind.WeChatOpenId || i.Kind == IdentityKind.WeChatUnionId);
            Assert.All(unique.GroupBy(i => (i.Kind, i.Scope)), g => Assert.Single(g));

            // the profile is the fold of the customer's own events
            var timeline = new List<CustomerEvent>();
            string? cursor = null;
            do
            {
                var page = await graph.GetTimelineAsync(p.Id, new TimelineQuery { Limit = 1000, Cursor = cursor });
                timeline.AddRange(page.Events);
                cursor = page.NextCursor;
            }
            while (cursor is not null);

            foreach (var e in timeline)
            {
                Assert.True(timelineEvents.Add(e.Id), $"event {e.Id} is in two timelines");
            }

            var byType = timeline.GroupBy(e => e.Type.Name).ToDictionary(g => g.Key, g => (long)g.Count());
            Assert.Equal(byType.OrderBy(kv => kv.Key), p.Counters.Events.OrderBy(kv => kv.Key));
            counted += p.Counters.Events.Values.Sum();
            if (timeline.Count > 0)
            {
                Assert.Equal(timeline.Min(e => e.OccurredAt), p.FirstSeenAt);
                Assert.Equal(timeline.Max(e => e.OccurredAt), p.LastSeenAt);
            }

            var purchased = timeline.Where(e => e.Type == EventType.Purchase).Sum(e => e.Properties!.Amount!.Value);
            Assert.Equal(purchased, p.Counters.Money.Sum(m => m.Purchased));
        }

        // every identity ever seen (own or referenced) has a customer, and every event is in one timeline
        foreach (var e in events)
        {
            foreach (var i in e.Identities.Where(i => !shared.Contains(i) || e.Identities.All(shared.Contains)).Concat(new[] { e.Properties?.TargetAuthor, e.Properties?.Referrer }.OfType<Identity>()))
            {
                Assert.True(owner.ContainsKey(i), $"{i} has no customer");
            }
        }

        var accepted = events.Select(e => e.Id).Distinct(StringComparer.Ordinal).Count();
        Assert.Equal(accepted, counted);
        Assert.Equal(accepted, timelineEvents.Count);

        // every customer id ever handed out still resolves to a live customer
        foreach (var r in results.Where(r => r.CustomerId is not null))
        {
            Assert.NotNull(await harness.Store.ResolveIdAsync(r.CustomerId!));
        }
    }
}
