namespace Ecrm.Testing.Population;

/// <summary>Pairs of different people of one household, and how many of them clusters keep apart.</summary>
internal static class HouseholdPairs
{
    /// <summary>Counts the pairs of records of different people in one household, and those in different clusters.</summary>
    /// <param name="records">Each record's id, person and household.</param>
    /// <param name="clusterOf">Each record's cluster.</param>
    /// <returns>The pairs and those kept apart.</returns>
    public static (long Pairs, long KeptApart) Count(IEnumerable<(string Id, string Person, string Household)> records, IReadOnlyDictionary<string, string> clusterOf)
    {
        long pairs = 0, apart = 0;
        foreach (var household in records.GroupBy(r => r.Household))
        {
            var members = household.ToList();
            for (var i = 0; i < members.Count; i++)
            {
                for (var j = i + 1; j < members.Count; j++)
                {
                    if (members[i].Person != members[j].Person)
                    {
                        pairs++;
                        apart += clusterOf[members[i].Id] != clusterOf[members[j].Id] ? 1 : 0;
                    }
                }
            }
        }

        return (pairs, apart);
    }
}
