using Ecrm.Segments;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Ecrm.Core.Tests.Segments;

/// <summary>The batch path (column loops over row lists) and the real-time path (one row) always agree.</summary>
public sealed class SegmentEvaluationProperties
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Property(MaxTest = 200, Arbitrary = [typeof(SegmentLanguageProperties)])]
    public Property BatchAndSingleRow_Agree(SegmentExpression rule, int seed)
    {
        var (table, history) = RandomTable(new Random(seed), 150);
        var newSeries = new List<SeriesColumn>();
        var predicate = SegmentCompiler.Compile(rule, table, TimeSpan.FromDays(30), newSeries);
        foreach (var (row, events) in history)
        {
            foreach (var s in newSeries)
            {
                s.Set(row, events);
            }
        }

        var now = Now.UtcTicks;
        var rows = table.LiveRows();
        var batch = rows[..predicate.Filter(rows, rows.Length, now)];
        var single = table.LiveRows().Where(r => predicate.Test(r, now)).ToArray();
        var explained = table.LiveRows().All(r =>
        {
            var clauses = new List<ClauseExplanation>();
            predicate.Explain(r, now, clauses);
            return clauses.Count > 0;
        });
        return (batch.SequenceEqual(single) && explained).Label($"{rule}: batch {batch.Length}, single {single.Length}");
    }

    private static (FactTable Table, List<(int Row, IReadOnlyList<CustomerEvent> Events)> History) RandomTable(Random random, int customers)
    {
        var history = new List<(int Row, IReadOnlyList<CustomerEvent> Events)>();
        var table = new FactTable();
        string[] cities = ["上海", "北京", "gold"];
        string[] categories = ["手机", "耳机"];
        for (var i = 0; i < customers; i++)
        {
            var events = Enumerable.Range(0, random.Next(5)).Select(k => new CustomerEvent
            {
                Id = $"e{i}-{k}",
                Channel = random.Next(2) == 0 ? EventChannel.Shop : EventChannel.Weibo,
                Type = random.Next(3) switch { 0 => EventType.Purchase, 1 => EventType.Repost, _ => EventType.FromName("custom-thing") },
                OccurredAt = Now.AddDays(-random.Next(400)),
                Identities = [Identity.Phone("+8613800000001")],
                Properties = new EventProperties
                {
                    Amount = random.Next(3) == 0 ? null : random.Next(-10, 1000) / 10m,
                    Rating = random.Next(6),
                    LineItems = [new LineItem { Sku = "s", Category = categories[random.Next(2)] }],
                },
            }).ToList();
            var text = new Dictionary<string, string>(StringComparer.Ordinal);
            if (random.Next(4) > 0)
            {
                text["tier"] = random.Next(2) == 0 ? "gold" : "上海";
            }

            if (random.Next(4) > 0)
            {
                text["city"] = cities[random.Next(cities.Length)];
            }

            if (random.Next(2) > 0)
            {
                text["trait.vip-level"] = random.Next(2) == 0 ? "say \"hi\"" : "a\\b";
            }

            var numbers = new Dictionary<string, double>(StringComparer.Ordinal);
            if (random.Next(4) > 0)
            {
                numbers["points"] = random.Next(-10, 100) / 10.0;
            }

            numbers["spend"] = random.Next(1000) / 100.0;
            var row = table.Upsert(new CustomerFacts
            {
                CustomerId = $"c{i}",
                Text = text,
                Numbers = numbers,
                Engagement = random.Next(50) / 10.0,
                EngagementAsOf = Now.AddDays(-random.Next(60)).UtcTicks,
                Events = events,
            });
            history.Add((row, events));
        }

        // Some customers leave (merged away): their rows must never be selected.
        for (var i = 0; i < customers; i += 7)
        {
            table.Remove($"c{i}", out _);
        }

        return (table, history);
    }
}
