using Ecrm.Graph.Engine;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Ecrm.Core.Tests.Graph;

/// <summary>The graph's event-id index (open addressing, backward-shift deletion) behaves as a dictionary.</summary>
public sealed class EventIndexTests
{
    /// <summary>
    /// Any sequence of adds and removes over a small id space (so probe runs collide, wrap and grow) leaves the index
    /// holding exactly what a dictionary holds, each id naming the record it was added with.
    /// </summary>
    [Property(MaxTest = 300)]
    public Property AgreesWithADictionary() => Prop.ForAll(
        Gen.ListOf(Gen.Zip(Gen.Elements(true, true, false), Gen.Choose(0, 120))).ToArbitrary(),
        steps =>
        {
            var index = new EventIndex();
            var reference = new Dictionary<string, long>(StringComparer.Ordinal); // id -> the sequence it was added with
            var sequence = 0L;
            foreach (var (add, n) in steps)
            {
                var id = $"evt-{n}";
                if (add)
                {
                    sequence++;
                    var handle = index.GetOrAdd(EventAt(id), EventIndex.Hash(id), sequence, reserved: false, out var existing);
                    if (existing != reference.ContainsKey(id) || index[handle].Event.Id != id)
                    {
                        return false;
                    }

                    reference.TryAdd(id, sequence);
                }
                else if (index.Remove(id) != reference.Remove(id))
                {
                    return false;
                }
            }

            return index.Count == reference.Count
                && reference.All(kv => index.Find(kv.Key) is var h && h != EventIndex.None && index[h].Sequence == kv.Value && index[h].Event.Id == kv.Key)
                && Enumerable.Range(0, 121).All(n => reference.ContainsKey($"evt-{n}") || index.Find($"evt-{n}") == EventIndex.None)
                && index.Handles.Select(h => index[h].Event.Id).Order(StringComparer.Ordinal).SequenceEqual(reference.Keys.Order(StringComparer.Ordinal));
        });

    [Fact]
    public void GetOrAdd_ReturnsTheHeldEvent_ForAnIdItHolds()
    {
        var index = new EventIndex();
        var first = index.GetOrAdd(EventAt("a"), EventIndex.Hash("a"), 1, reserved: true, out var existing);
        Assert.False(existing);
        Assert.True(index[first].Reserved);
        var again = index.GetOrAdd(EventAt("a"), EventIndex.Hash("a"), 2, reserved: false, out existing);
        Assert.True(existing);
        Assert.Equal(first, again);
        Assert.Equal(1, index[again].Sequence);
        Assert.True(index.Remove("a"));
        Assert.False(index.Remove("a"));
        Assert.Equal(EventIndex.None, index.Find("a"));
        Assert.Empty(index.Handles);
    }

    [Fact]
    public void Remove_OfTheLastRecords_FreesTheirHandles_AndKeepsTheOthers()
    {
        var index = new EventIndex();
        var a = index.GetOrAdd(EventAt("a"), EventIndex.Hash("a"), 1, reserved: false, out _);
        var b = index.GetOrAdd(EventAt("b"), EventIndex.Hash("b"), 2, reserved: true, out _);
        var c = index.GetOrAdd(EventAt("c"), EventIndex.Hash("c"), 3, reserved: true, out _);
        Assert.True(index.Remove("b")); // a hole in the middle: c keeps its handle
        Assert.Equal(c, index.Find("c"));
        Assert.True(index.Remove("c"));
        var d = index.GetOrAdd(EventAt("d"), EventIndex.Hash("d"), 4, reserved: false, out _);
        Assert.Equal(b, d); // the records after a were all removed, so the next one takes the first free handle
        Assert.Equal(["a", "d"], index.Handles.Select(h => index[h].Event.Id));
        Assert.Equal(a, index.Find("a"));
    }

    private static CustomerEvent EventAt(string id) => new()
    {
        Id = id,
        Channel = EventChannel.Web,
        Type = EventType.PageView,
        OccurredAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        Identities = [new Identity(IdentityKind.Device, "d1")],
    };
}
