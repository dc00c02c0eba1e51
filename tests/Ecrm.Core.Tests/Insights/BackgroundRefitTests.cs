using Ecrm.Segments;
using static Ecrm.Core.Tests.Insights.InsightsHarness;

namespace Ecrm.Core.Tests.Insights;

/// <summary>
/// Population refits once the table is loaded run in the background: reads and changes go on with the models in use
/// while the refit reads the store; what changed meanwhile is computed again when the refit is applied, so the table
/// agrees with every customer's 360 afterwards; an erasure meanwhile throws the refit away; refits are spaced by their
/// own duration; disposal stops one in flight.
/// </summary>
public sealed class BackgroundRefitTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task ADueRefit_HoldsUpNeitherReadsNorChanges_AndWhatChangedWhileItRead_IsKept()
    {
        await using var h = await GrownAsync(seed: 1);
        var paused = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var resume = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Engine.BetweenRefitPhases = async ct =>
        {
            paused.TrySetResult();
            await resume.Task.WaitAsync(ct);
        };

        await h.AdvanceAsync(TimeSpan.FromMinutes(1)); // the tick finds the models due and starts the refit
        await paused.Task.WaitAsync(Wait);

        // While the refit holds its fit: existing customers cross the points threshold, new ones arrive, a read answers.
        var meanwhile = new List<CustomerEvent>();
        for (var c = 1; c <= 60; c += 7)
        {
            meanwhile.Add(Purchase($"late-{c}", c, Now.AddMinutes(1), 2000));
        }

        for (var c = 61; c <= 66; c++)
        {
            meanwhile.Add(Purchase($"new-{c}", c, Now.AddMinutes(1), 1500));
        }

        meanwhile.Add(new CustomerEvent // one event shows two customers' phones together: they merge
        {
            Id = "link",
            Channel = EventChannel.Web,
            Type = EventType.PageView,
            OccurredAt = Now.AddMinutes(1),
            Identities = [Identity.Phone("+8613800000020"), Identity.Phone("+8613800000021")],
        });
        await h.Graph.IngestBatchAsync(meanwhile).AsTask().WaitAsync(Wait);
        var during = await h.Insights.GetAsync(await IdOfAsync(h, 1)).AsTask().WaitAsync(Wait);
        Assert.Equal(Now, during!.ModelsFittedAt); // still the models in use
        Assert.Contains(during.Loyalty.Entries, e => e.SourceEventId == "late-1" && e.Points == 2000);

        resume.SetResult();
        await h.Engine.LastRefit.WaitAsync(Wait);
        Assert.Equal(Now.AddMinutes(1), (await h.Insights.GetAsync(await IdOfAsync(h, 3)))!.ModelsFittedAt);
        await AssertTableAgreesWithEvery360Async(h, expectedCustomers: 65);
        Assert.Equal(65, h.Engine.Table.LiveCount); // the merged-away customer's fitted row was not loaded back
    }

    [Fact]
    public async Task PointsThatExpireWhileARefitReads_AreGoneFromTheRowItApplies()
    {
        await using var h = NewHarness();
        await h.Graph.IngestBatchAsync(Buyers(1, 40, seed: 16));
        var expiring = Purchase("expiring", 70, Now.AddMinutes(1).AddSeconds(5) - TimeSpan.FromDays(365), 3000); // expires at 1:05
        await h.Graph.IngestBatchAsync([.. Buyers(41, 60, seed: 17), expiring]);
        var id = await IdOfAsync(h, 70);
        h.Engine.BetweenRefitPhases = _ =>
        {
            h.Clock.Advance(TimeSpan.FromSeconds(30)); // the refit read at 1:00 and applies at 1:30, no tick between
            return Task.CompletedTask;
        };

        await h.AdvanceAsync(TimeSpan.FromMinutes(1));
        await h.Engine.LastRefit.WaitAsync(Wait);
        var insight = (await h.Insights.GetAsync(id))!;
        Assert.Equal(Now.AddMinutes(1), insight.ModelsFittedAt);
        Assert.Equal(0, insight.Points);
        Assert.DoesNotContain(insight.Segments, s => s.Segment == "thousand");
        await AssertTableAgreesWithEvery360Async(h, expectedCustomers: 61);
    }

    [Fact]
    public async Task AnErasureWhileARefitReads_ThrowsTheRefitAway_AndTheNextDueCheckAfterTheSpacingRefitsAgain()
    {
        await using var h = await GrownAsync(seed: 3);
        var erased = await IdOfAsync(h, 5);
        var other = await IdOfAsync(h, 6); // before the models are due (a 360 read would find them due and refit)
        var erase = true;
        h.Engine.BetweenRefitPhases = async ct =>
        {
            if (erase)
            {
                erase = false;
                h.Clock.Advance(TimeSpan.FromSeconds(10)); // the refit took 10 s: the next waits 40 s after it
                await h.Privacy.EraseAsync(erased, "dpo@example.com", "test", ct);
            }
        };

        await h.AdvanceAsync(TimeSpan.FromMinutes(1));
        var discarded = h.Engine.LastRefit;
        await discarded.WaitAsync(Wait);

        // The fit had read the erased customer: not applied. A read answers from the models in use and finds them
        // still due, but the spacing holds; the tick after it refits on the store as it is now.
        Assert.Equal(Now, (await h.Insights.GetAsync(other))!.ModelsFittedAt);
        Assert.Same(discarded, h.Engine.LastRefit);
        await h.AdvanceAsync(TimeSpan.FromSeconds(50)); // 2:00, past 1:50
        Assert.NotSame(discarded, h.Engine.LastRefit);
        await h.Engine.LastRefit.WaitAsync(Wait);
        Assert.Equal(Now.AddMinutes(2), (await h.Insights.GetAsync(other))!.ModelsFittedAt);
        await AssertTableAgreesWithEvery360Async(h, expectedCustomers: 60); // the erased customer stays, pseudonymised
    }

    [Fact]
    public async Task AnErasureTheEngineHasNotHeardOfYet_StillThrowsTheRefitAway()
    {
        await using var h = await GrownAsync(seed: 12);
        var erased = await IdOfAsync(h, 7);
        var other = await IdOfAsync(h, 8);
        var erase = true;
        h.Engine.BetweenRefitPhases = async ct =>
        {
            if (erase)
            {
                erase = false; // in the store, whose notification has not reached the engine when the refit applies
                await h.Store.EraseCustomerAsync(erased, new Ecrm.Privacy.ErasureRequest("dpo@example.com", "test", h.Clock.GetUtcNow()), ct);
            }
        };

        await h.AdvanceAsync(TimeSpan.FromMinutes(1));
        await h.Engine.LastRefit.WaitAsync(Wait);
        Assert.Equal(Now, (await h.Insights.GetAsync(other))!.ModelsFittedAt);
    }

    [Fact]
    public async Task AFailedRefit_KeepsTheModelsInUse_AndIsNotRetriedAtEveryDueCheck()
    {
        await using var h = await GrownAsync(seed: 14);
        var id = await IdOfAsync(h, 9);
        var fail = true;
        h.Engine.BetweenRefitPhases = _ => fail ? throw new IOException("the disk went away") : Task.CompletedTask;

        await h.AdvanceAsync(TimeSpan.FromMinutes(1));
        var failed = h.Engine.LastRefit;
        await failed.WaitAsync(Wait);
        Assert.True(failed.IsCompletedSuccessfully); // logged, never thrown at anyone
        Assert.Equal(Now, (await h.Insights.GetAsync(id))!.ModelsFittedAt);
        Assert.Same(failed, h.Engine.LastRefit); // the read found the models due, but waits a re-evaluation interval
        fail = false;
        await h.AdvanceAsync(TimeSpan.FromMinutes(1));
        Assert.NotSame(failed, h.Engine.LastRefit);
        await h.Engine.LastRefit.WaitAsync(Wait);
        Assert.Equal(Now.AddMinutes(2), (await h.Insights.GetAsync(id))!.ModelsFittedAt);
    }

    [Fact]
    public async Task Refits_AreSpacedByFourTimesTheirOwnDuration()
    {
        await using var h = await GrownAsync(seed: 5);
        var slow = true;
        h.Engine.BetweenRefitPhases = _ =>
        {
            if (slow)
            {
                slow = false;
                h.Clock.Advance(TimeSpan.FromSeconds(30)); // the refit takes 30 s: the next waits 2 min after it
            }

            return Task.CompletedTask;
        };

        await h.AdvanceAsync(TimeSpan.FromMinutes(1));
        var first = h.Engine.LastRefit;
        await first.WaitAsync(Wait); // ended at 1:30
        await h.Graph.IngestBatchAsync(Buyers(61, 90, seed: 7)); // due again by growth
        await h.AdvanceAsync(TimeSpan.FromSeconds(30)); // 2:00
        await h.AdvanceAsync(TimeSpan.FromMinutes(1)); // 3:00
        Assert.Same(first, h.Engine.LastRefit);
        await h.AdvanceAsync(TimeSpan.FromMinutes(1)); // 4:00, past 3:30
        Assert.NotSame(first, h.Engine.LastRefit);
        await h.Engine.LastRefit.WaitAsync(Wait);
        Assert.Equal(Now.AddMinutes(4), (await h.Insights.GetAsync(await IdOfAsync(h, 1)))!.ModelsFittedAt);
    }

    [Fact]
    public async Task ARefreshWhileARefitReads_Wins_AndStopsIt()
    {
        await using var h = await GrownAsync(seed: 10);
        var paused = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        h.Engine.BetweenRefitPhases = async ct =>
        {
            paused.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct);
        };

        await h.AdvanceAsync(TimeSpan.FromMinutes(1));
        await paused.Task.WaitAsync(Wait);
        var refit = h.Engine.LastRefit;
        h.Clock.Advance(TimeSpan.FromSeconds(10));
        await h.Insights.RefreshAsync().AsTask().WaitAsync(Wait);
        await refit.WaitAsync(Wait); // abandoned: it would have been thrown away
        Assert.Equal(Now.AddSeconds(70), (await h.Insights.GetAsync(await IdOfAsync(h, 1)))!.ModelsFittedAt);
        await AssertTableAgreesWithEvery360Async(h, expectedCustomers: 60);
    }

    [Fact]
    public async Task Disposal_StopsARefitInFlight()
    {
        var h = await GrownAsync(seed: 8);
        var paused = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stopped = false;
        h.Engine.BetweenRefitPhases = async ct =>
        {
            paused.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                await Task.Delay(200, CancellationToken.None); // stopping takes a while: disposal must wait for it
                stopped = true;
                throw;
            }
        };

        await h.AdvanceAsync(TimeSpan.FromMinutes(1));
        await paused.Task.WaitAsync(Wait);
        var refit = h.Engine.LastRefit;
        await h.DisposeAsync().AsTask().WaitAsync(Wait);
        Assert.True(stopped);
        Assert.True(refit.IsCompletedSuccessfully);
    }

    /// <summary>
    /// 40 buyers whose first change loads the table and fits the models, then 20 more (50% growth): the models are
    /// due once a re-evaluation interval passes.
    /// </summary>
    private static async Task<InsightsHarness> GrownAsync(int seed)
    {
        var h = NewHarness();
        await h.Graph.IngestBatchAsync(Buyers(1, 40, seed));
        await h.Graph.IngestBatchAsync(Buyers(41, 60, seed + 1));
        return h;
    }

    private static InsightsHarness NewHarness() => new(o =>
    {
        o.Segments.Add(SegmentDefinition.Parse("thousand", 1, "points >= 1000"));
        o.Segments.Add(SegmentDefinition.Parse("champions", 1, "rfm = \"champions\""));
        o.Segments.Add(SegmentDefinition.Parse("alive", 1, "p-alive >= 0.5"));
    });

    /// <summary>Customers <paramref name="from"/> to <paramref name="to"/> (by phone), each with one to five purchases in the last 300 days.</summary>
    private static List<CustomerEvent> Buyers(int from, int to, int seed)
    {
        var random = new Random(seed);
        var events = new List<CustomerEvent>();
        for (var c = from; c <= to; c++)
        {
            var purchases = 1 + random.Next(5);
            for (var k = 0; k < purchases; k++)
            {
                events.Add(Purchase($"c{c}-{k}-{seed}", c, Now.AddDays(-random.Next(1, 300)), 50 + random.Next(400)));
            }
        }

        return events;
    }

    private static async Task<string> IdOfAsync(InsightsHarness h, int phone)
        => (await h.Graph.FindAsync(Identity.Phone($"+861380000{phone:0000}")))!.Profile.Id;

    /// <summary>
    /// Every customer's memberships, as the table holds them, agree with what the 360 computes from the customer's own
    /// events under the models in use; and each segment's members are what its published entries and exits add up to.
    /// </summary>
    private static async Task AssertTableAgreesWithEvery360Async(InsightsHarness h, int expectedCustomers)
    {
        var ids = new List<string>();
        await foreach (var p in h.Store.ScanCustomersAsync())
        {
            ids.Add(p.Id);
        }

        Assert.Equal(expectedCustomers, ids.Count);
        var members = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal)
        {
            ["thousand"] = [], ["champions"] = [], ["alive"] = [],
        };
        foreach (var id in ids)
        {
            var insight = (await h.Insights.GetAsync(id))!;
            var expected = new List<string>();
            if (insight.Points >= 1000)
            {
                expected.Add("thousand");
            }

            if (insight.Rfm?.GroupName == "champions")
            {
                expected.Add("champions");
            }

            if (insight.Lifetime?.ProbabilityAlive >= 0.5)
            {
                expected.Add("alive");
            }

            var actual = insight.Segments.Select(s => s.Segment).Where(members.ContainsKey).Order(StringComparer.Ordinal).ToList();
            Assert.True(expected.Order(StringComparer.Ordinal).SequenceEqual(actual), $"{id}: expected {string.Join(",", expected)}, the table says {string.Join(",", actual)}");
            foreach (var s in expected)
            {
                members[s].Add(id);
            }
        }

        foreach (var (segment, expected) in members)
        {
            var replayed = new HashSet<string>(StringComparer.Ordinal);
            lock (h.Recorder.Changes)
            {
                foreach (var change in h.Recorder.Changes.Where(c => c.Segment == segment))
                {
                    if (change.Entered)
                    {
                        Assert.True(replayed.Add(change.CustomerId), $"{segment}: {change.CustomerId} entered twice");
                    }
                    else
                    {
                        Assert.True(replayed.Remove(change.CustomerId), $"{segment}: {change.CustomerId} left without entering");
                    }
                }
            }

            Assert.Equal(expected.Order(StringComparer.Ordinal), replayed.Order(StringComparer.Ordinal));
            Assert.Equal(expected.Order(StringComparer.Ordinal), await h.Insights.GetMembersAsync(segment));
        }
    }
}
