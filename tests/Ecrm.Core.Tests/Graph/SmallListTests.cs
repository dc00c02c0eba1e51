using Ecrm.Graph.Engine;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Ecrm.Core.Tests.Graph;

/// <summary>The list a customer keeps its identities and events in (first item inline) behaves as a <see cref="List{T}"/>.</summary>
public sealed class SmallListTests
{
    /// <summary>Any sequence of single and range appends gives the same items, in the same order, as a list.</summary>
    [Property(MaxTest = 200)]
    public Property AgreesWithAList() => Prop.ForAll(
        Gen.ListOf(Gen.Choose(0, 4)).ToArbitrary(),
        steps =>
        {
            var small = default(SmallList<string>);
            var reference = new List<string>();
            var next = 0;
            foreach (var size in steps)
            {
                // 0: one Add; otherwise AddRange of size - 1 items (so empty ranges are exercised too)
                var items = Enumerable.Range(0, size == 0 ? 1 : size - 1).Select(_ => $"item{next++}").ToArray();
                if (size == 0)
                {
                    small.Add(items[0]);
                }
                else
                {
                    small.AddRange(items);
                }

                reference.AddRange(items);
                if (small.Count != reference.Count || !small.AsSpan().SequenceEqual(reference.ToArray())
                    || (reference.Count > 0 && !ReferenceEquals(small.Last, reference[^1])))
                {
                    return false;
                }
            }

            return true;
        });

    [Fact]
    public void OneItem_StaysInline_AndSortsInPlace()
    {
        var list = default(SmallList<string>);
        Assert.Equal(0, list.AsSpan().Length);
        list.Add("b");
        Assert.Equal(0, list.Touch()); // no array yet: the item is held inline
        Assert.Equal(["b"], list.AsSpan().ToArray());
        list.Add("a");
        Assert.NotEqual(0, list.Touch());
        list.AsSpan().Sort(StringComparer.Ordinal);
        Assert.Equal(["a", "b"], list.AsSpan().ToArray());
        Assert.Equal("b", list.Last);
    }
}
