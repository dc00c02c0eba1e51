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
    /// holding exactly what a dictionary holds.
    /// </summary>
    [Property(MaxTest = 300)]
    public Property AgreesWithADictionary() => Prop.ForAll(
        Gen.ListOf(Gen.Zip(Gen.Elements(true, true, false), Gen.Choose(0, 120))).ToArbitrary(),
        steps =>
        {
            var index = new EventIndex();
            var reference = new Dictionary<string, StoredEvent>(StringComparer.Ordinal);
            foreach (var (add, n) in steps)
            {
                var id = $"evt-{n}";
                if (add)
                {
                    var se = index.GetOrAdd(id, EventIndex.Hash(id), static i => new StoredEvent(EventAt(i)), id, out var existing);
                    if (existing != reference.ContainsKey(id))
                    {
                        return false;
                    }

                    reference.TryAdd(id, se);
                }
                else if (index.Remove(id) != reference.Remove(id))
                {
                    return false;
                }
            }

            return index.Count == reference.Count
                && reference.All(kv => ReferenceEquals(index.Find(kv.Key), kv.Value))
                && Enumerable.Range(0, 121).All(n => reference.ContainsKey($"evt-{n}") || index.Find($"evt-{n}") is null)
                && index.Values.Count() == reference.Count;
        });

    [Fact]
    public void GetOrAdd_ReturnsTheHeldEvent_ForAnIdItHolds()
    {
        var index = new EventIndex();
        var first = index.GetOrAdd("a", EventIndex.Hash("a"), static i => new StoredEvent(EventAt(i)), "a", out var existing);
        Assert.False(existing);
        var again = index.GetOrAdd("a", EventIndex.Hash("a"), static _ => throw new InvalidOperationException("not called"), "a", out existing);
        Assert.True(existing);
        Assert.Same(first, again);
        Assert.True(index.Remove("a"));
        Assert.False(index.Remove("a"));
        Assert.Null(index.Find("a"));
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
