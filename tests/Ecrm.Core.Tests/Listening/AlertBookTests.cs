using Ecrm.Listening;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Ecrm.Core.Tests.Listening;

/// <summary>
/// The alert book's indexes by customer give what scanning every alert and group gives (the listening service's
/// earlier code, kept here as the reference): after any sequence of raises, repeats, resolutions and merges.
/// </summary>
public sealed class AlertBookTests
{
    private static readonly string[] Customers = ["c1", "c2", "c3", "c4"];
    private static readonly string[] Rests = ["weibo", "wechat", "post\u001fp1", "post\u001fp2"];

    /// <summary>Operations: 0 raise a new alert in a group, 1 repeat (re-set the open alert), 2 resolve, 3 merge, 4 set an alert's customer.</summary>
    [Property(MaxTest = 300)]
    public Property AgreesWithScanningEveryAlert() => Prop.ForAll(
        Gen.ListOf(Gen.Choose(0, (5 * 4 * 4 * 4) - 1)).ToArbitrary(),
        steps =>
        {
            var book = new AlertBook();
            var reference = new ScanningBook();
            var next = 0;
            foreach (var step in steps)
            {
                var (op, a, b, c) = (step / 64, step / 16 % 4, step / 4 % 4, step % 4);
                var group = AlertBook.GroupOf(Customers[a], Rests[b]);
                switch (op)
                {
                    case 0:
                        var alert = AlertOf($"a{next++}", Customers[a]);
                        book.Set(alert);
                        book.Open(group, alert.Id);
                        reference.Alerts[alert.Id] = alert;
                        reference.OpenByGroup[group] = alert.Id;
                        break;
                    case 1:
                        if (book.OpenIn(group) is { } open)
                        {
                            book.Set(open with { Occurrences = open.Occurrences + 1 });
                            reference.Alerts[open.Id] = open with { Occurrences = open.Occurrences + 1 };
                        }

                        break;
                    case 2:
                        var resolved = $"a{(next == 0 ? 0 : c * 7 % next)}";
                        book.Close(resolved);
                        foreach (var g in reference.OpenByGroup.Where(g => g.Value == resolved).Select(g => g.Key).ToList())
                        {
                            reference.OpenByGroup.Remove(g);
                        }

                        break;
                    case 3:
                        book.Rekey(Customers[a], Customers[c]);
                        reference.Rekey(Customers[a], Customers[c]);
                        break;
                    default:
                        var id = $"a{(next == 0 ? 0 : b * 5 % next)}";
                        if (book.TryGet(id, out var moved))
                        {
                            book.Set(moved with { CustomerId = Customers[c] });
                            reference.Alerts[id] = moved with { CustomerId = Customers[c] };
                        }

                        break;
                }

                if (!reference.Agrees(book))
                {
                    return false;
                }
            }

            return true;
        });

    [Fact]
    public void Merge_KeepsTheSurvivorsOpenAlert_WhenBothHadOneOnTheSameChannel()
    {
        var book = new AlertBook();
        foreach (var (id, customer) in new[] { ("a1", "old"), ("a2", "new") })
        {
            book.Set(AlertOf(id, customer));
            book.Open(AlertBook.GroupOf(customer, "weibo"), id);
        }

        book.Rekey("old", "new");
        Assert.Equal("a2", book.OpenIn(AlertBook.GroupOf("new", "weibo"))?.Id);
        Assert.Null(book.OpenIn(AlertBook.GroupOf("old", "weibo")));
        Assert.True(book.TryGet("a1", out var moved));
        Assert.Equal("new", moved.CustomerId);
        book.Close("a1"); // a1 lost its group: closing it must not close a2's
        Assert.Equal("a2", book.OpenIn(AlertBook.GroupOf("new", "weibo"))?.Id);
    }

    private static Alert AlertOf(string id, string customerId) => new()
    {
        Id = id,
        CustomerId = customerId,
        Channel = "weibo",
        Texts = [],
        Sentiment = -1,
        Severity = 0,
        Level = AlertLevel.Low,
        Reach = new AlertReach(0, 0, null, 0, 0, 0),
        Aspects = [],
        Occurrences = 1,
        RaisedAt = DateTimeOffset.UnixEpoch,
        LastSeenAt = DateTimeOffset.UnixEpoch,
    };

    /// <summary>The listening service's former state: two dictionaries, scanned on every merge and resolution.</summary>
    private sealed class ScanningBook
    {
        public Dictionary<string, Alert> Alerts { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> OpenByGroup { get; } = new(StringComparer.Ordinal);

        public void Rekey(string old, string now)
        {
            var prefix = old + "\u001f";
            foreach (var (group, id) in OpenByGroup.Where(g => g.Key.StartsWith(prefix, StringComparison.Ordinal)).ToList())
            {
                OpenByGroup.Remove(group);
                OpenByGroup.TryAdd(now + group[old.Length..], id);
            }

            foreach (var alert in Alerts.Values.Where(a => a.CustomerId == old).ToList())
            {
                Alerts[alert.Id] = alert with { CustomerId = now };
            }
        }

        public bool Agrees(AlertBook book)
        {
            if (book.All.Count != Alerts.Count || Alerts.Values.Any(a => !book.TryGet(a.Id, out var b) || b != a))
            {
                return false;
            }

            foreach (var customer in Customers)
            {
                foreach (var rest in Rests)
                {
                    var group = AlertBook.GroupOf(customer, rest);
                    var expected = OpenByGroup.TryGetValue(group, out var id) ? id : null;
                    if (book.OpenIn(group)?.Id != expected)
                    {
                        return false;
                    }
                }
            }

            return true;
        }
    }
}
