using Ecrm.Resolution;
using Ecrm.Testing.Population;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Ecrm.Core.Tests.Resolution;

/// <summary>Clusters that do not chain: households stay apart, movers and true duplicates are found.</summary>
public sealed class ClusteringTests
{
    private static readonly string[] Columns = ["given_name", "surname", "street_number", "address_1", "suburb", "postcode", "date_of_birth", "soc_sec_id"];

    [Fact]
    public void ARecordLikeTwoPeople_NeverJoinsThem()
    {
        // Father and son at one address; a third record with only the family name and the address is like both.
        var options = PopulationGenerator.Options(Columns);
        List<ResolutionRecord> records =
        [
            new("father", ["john", "smith", "12", "king street", "springfield", "2000", "19600304", "1234567"]),
            new("son", ["james", "smith", "12", "king street", "springfield", "2000", "19900817", "7654321"]),
            new("either", [null, "smith", "12", "king street", "springfield", "2000", null, null]),
            .. Filler(400),
        ];
        var result = IdentityResolver.Resolve(records, options);
        Assert.NotEqual(result.ClusterOf["father"], result.ClusterOf["son"]);
        Assert.NotEqual(result.ClusterOf["either"], result.ClusterOf["father"]); // nothing personal to compare: review at most
        Assert.DoesNotContain(result.Decisions, d => d.Outcome == MatchOutcome.Match && (d.LeftId is "either" || d.RightId is "either"));
    }

    [Fact]
    public void APersonWhoMoved_IsStillOnePerson()
    {
        var options = PopulationGenerator.Options(Columns);
        List<ResolutionRecord> records =
        [
            new("before", ["amelia", "ryan", "35", "sidaway street", "avalon", "3184", "19730301", "1613259"]),
            new("after", ["amelia", "ryan", "7", "harbour parade", "mosman", "2088", "19730301", "1613259"]),
            .. Filler(400),
        ];
        var result = IdentityResolver.Resolve(records, options);
        Assert.Equal(result.ClusterOf["before"], result.ClusterOf["after"]);
        var decision = result.Decisions.Single(d => d.LeftId is "before" or "after" && d.RightId is "before" or "after");
        Assert.Equal("different", decision.Evidence.Single(e => e.Field == "address").Level);
    }

    [Fact]
    public void Households_AreKeptApart_WhileTheirDuplicatesAreFound()
    {
        var population = Populations.Of(new PopulationOptions { People = 4_000, Seed = 31, HouseholdShare = 0.5 });
        var result = IdentityResolver.Resolve(population.Records, population.Options());
        var apart = population.HouseholdsKeptApart(result.ClusterOf);
        var accuracy = population.Accuracy(result.ClusterOf);
        Assert.True(apart >= 0.99, $"{apart:P2} of household pairs kept apart");
        Assert.True(accuracy.Recall >= 0.99, $"recall {accuracy.Recall:F4}");
    }

    /// <summary>
    /// Whatever the population (seed, share of households and duplicates, fields) and however it arrives (in one batch,
    /// or a first part and then one record at a time with the refits that brings), no cluster holds two records that
    /// strongly disagree under the final model: the clustering never chains two people through a third.
    /// </summary>
    [Property(MaxTest = 8)]
    public Property NoClusterHoldsTwoRecordsThatStronglyDisagree() => Prop.ForAll(
        Gen.Choose(1, 10_000).SelectMany(seed => Gen.Elements(0.0, 0.3, 0.6).SelectMany(households => Gen.Elements(Populations.All, Populations.Febrl, ["given_name", "surname", "street_number", "address_1", "suburb", "date_of_birth"]).SelectMany(columns => Gen.Elements(100, 60, 25).Select(first => (seed, households, columns, first))))).ToArbitrary(),
        c =>
        {
            var population = Populations.Of(new PopulationOptions { People = 1_500, Seed = c.seed, HouseholdShare = c.households, DuplicateShare = 0.4 }, c.columns);
            var first = population.Records.Count * c.first / 100;
            var index = ResolutionIndex.Build(population.Records[..first], population.Options());
            foreach (var r in population.Records[first..])
            {
                index.Add(r);
            }

            foreach (var cluster in population.Records.GroupBy(r => index.ClusterOf(r.Id)).Select(g => g.Select(r => KeyValuePair.Create(r.Id, g.Key))).Where(g => g.Count() > 1))
            {
                var members = cluster.Select(kv => kv.Key).ToList();
                for (var i = 0; i < members.Count; i++)
                {
                    for (var j = i + 1; j < members.Count; j++)
                    {
                        if (index.StrongDisagreementBetween(members[i], members[j]) is { } reason)
                        {
                            return false.Label($"{members[i]} and {members[j]} share a cluster: {reason}");
                        }
                    }
                }
            }

            return true.ToProperty();
        });

    /// <summary>
    /// The property's first counterexample, kept: twins one of whom has her names swapped ("thompzon james"), added
    /// one by one. A pair's levels once depended on which record was read first, so a join checked the pair one way
    /// round and let through what the other way round strongly disagrees.
    /// </summary>
    [Fact]
    public void SwappedNames_ReadEitherWayRound_GiveOneVerdict()
    {
        string[] columns = ["given_name", "surname", "street_number", "address_1", "suburb", "date_of_birth"];
        var population = Populations.Of(new PopulationOptions { People = 1_500, Seed = 6233, HouseholdShare = 0.3, DuplicateShare = 0.4 }, columns);
        var first = population.Records.Count * 60 / 100;
        var index = ResolutionIndex.Build(population.Records[..first], population.Options());
        foreach (var r in population.Records[first..])
        {
            index.Add(r);
        }

        Assert.Equal(index.StrongDisagreementBetween("p1483-2", "p1484-2"), index.StrongDisagreementBetween("p1484-2", "p1483-2"));
        Assert.NotEqual(index.ClusterOf("p1483-2"), index.ClusterOf("p1484-2"));
    }

    [Fact]
    public void PairsAPersonKeptApart_NeverShareACluster_AndApprovedPairsDo()
    {
        var options = PopulationGenerator.Options(Columns);
        ResolutionRecord Copy(string id) => new(id, ["olivia", "hartnell", "8", "wattle place", "ormond", "3204", "19870612", "4455667"]);
        var index = ResolutionIndex.Build([.. Filler(400), Copy("a"), Copy("b")], options, [("a", "b"), ("a", "nobody")]);
        Assert.NotEqual(index.ClusterOf("a"), index.ClusterOf("b"));
        var held = index.Result.Decisions.Single(d => d.LeftId is "a" or "b" && d.RightId is "a" or "b");
        Assert.Equal(MatchOutcome.Review, held.Outcome);
        Assert.Contains("different people", held.KeptApartBecause, StringComparison.Ordinal);

        // A third copy matches both: it joins one of them, never both.
        var decisions = index.Add(Copy("c"));
        Assert.Contains(decisions, d => d.Outcome == MatchOutcome.Match);
        Assert.NotEqual(index.ClusterOf("a"), index.ClusterOf("b"));
        Assert.True(index.ClusterOf("c") == index.ClusterOf("a") || index.ClusterOf("c") == index.ClusterOf("b"));
        Assert.False(index.Link("a", "b"));

        // A person may join two records the model would not; and may not keep apart records already one.
        var filler = index.Result.ClusterOf.Keys.Where(id => id.StartsWith('p')).Take(2).ToArray();
        Assert.True(index.Link(filler[0], filler[1]));
        Assert.Equal(index.ClusterOf(filler[0]), index.ClusterOf(filler[1]));
        Assert.False(index.KeepApart(filler[0], filler[1]));
        Assert.Throws<EcrmException>(() => index.KeepApart("a", "nobody"));
    }

    /// <summary>Distinct people to give the model a population (names and dates spread, nobody twice).</summary>
    private static IEnumerable<ResolutionRecord> Filler(int count)
        => PopulationGenerator.ToResolution(PopulationGenerator.Generate(new PopulationOptions { People = count, Seed = 77, DuplicateShare = 0 }), Columns);
}
