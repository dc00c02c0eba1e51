using Ecrm.Graph.Engine;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Ecrm.Core.Tests.Graph;

/// <summary>The graph's open-addressing identity index behaves as a dictionary, through growth and crowded probe runs.</summary>
public sealed class IdentityIndexTests
{
    private static readonly IdentityKindOptions Strong = new() { Strength = IdentityLinkStrength.Strong };

    /// <summary>Any sequence of adds and look-ups agrees with a dictionary: same nodes, same count, nothing invented.</summary>
    [Property(MaxTest = 100)]
    public Property AgreesWithADictionary() => Prop.ForAll(
        Gen.ListOf(Gen.Choose(0, 400).SelectMany(n => Gen.Choose(0, 3).Select(kind => (n, kind)))).ToArbitrary(),
        operations =>
        {
            var index = new IdentityIndex();
            var reference = new Dictionary<Identity, IdentityNode>();
            foreach (var (n, kind) in operations)
            {
                var identity = Make(n, kind);
                var node = index.GetOrAdd(identity, IdentityIndex.Hash(identity), 0, (id, _) => new IdentityNode(id, default, Strong), out var created);
                if (created != !reference.ContainsKey(identity) || !ReferenceEquals(node, reference.GetValueOrDefault(identity, node)))
                {
                    return false;
                }

                reference[identity] = node;
            }

            return index.Count == reference.Count
                && reference.All(kv => ReferenceEquals(index.Find(kv.Key), kv.Value))
                && Enumerable.Range(401, 50).All(n => index.Find(Make(n, 0)) is null);
        });

    [Fact]
    public void HundredsOfThousands_AreAllFound_AfterManyGrowths()
    {
        var index = new IdentityIndex();
        var nodes = new List<IdentityNode>();
        for (var n = 0; n < 300_000; n++)
        {
            var identity = Make(n, n % 4);
            nodes.Add(index.GetOrAdd(identity, IdentityIndex.Hash(identity), 0, (id, _) => new IdentityNode(id, default, Strong), out _));
        }

        Assert.Equal(300_000, index.Count);
        for (var n = 0; n < 300_000; n++)
        {
            var identity = Make(n, n % 4);
            var hash = IdentityIndex.Hash(identity);
            Assert.Same(nodes[n], index.Find(identity));
            Assert.Same(nodes[n], index.Candidate(hash)); // with 64-bit hashes, the first candidate is the node
        }

        Assert.Null(index.Find(Make(1, 0))); // person 1 was added with an e-mail only: no phone
    }

    /// <summary>Kind, scope and value each tell identities apart, even with the same text.</summary>
    [Fact]
    public void KindScopeAndValue_AllCount()
    {
        var index = new IdentityIndex();
        Identity[] identities =
        [
            Identity.WeChatOpenId("wxa", "o1"),
            Identity.WeChatOpenId("wxb", "o1"),
            new Identity(IdentityKind.Device, "o1"),
            new Identity(IdentityKind.Device, "o1", "wxa"),
            Identity.ShopBuyer("o1"),
        ];
        var nodes = identities.Select(id => index.GetOrAdd(id, IdentityIndex.Hash(id), 0, (i, _) => new IdentityNode(i, default, Strong), out _)).ToList();
        Assert.Equal(identities.Length, nodes.Distinct().Count());
        Assert.All(identities.Zip(nodes), p => Assert.Same(p.Second, index.Find(p.First)));
    }

    private static Identity Make(int n, int kind) => kind switch
    {
        0 => Identity.Phone($"+8613{n:D9}"),
        1 => Identity.Email($"u{n}@example.com"),
        2 => Identity.WeChatOpenId("wx" + (n % 3), $"o{n}"),
        _ => Identity.Device($"{n}"),
    };
}
