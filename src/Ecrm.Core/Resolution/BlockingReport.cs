namespace Ecrm.Resolution;

/// <summary>
/// The blocking of a set of records: each pass with its pairs (and recall where labels exist), and all passes together.
/// </summary>
/// <param name="Rules">Each pass, in the order they run.</param>
/// <param name="CandidatePairs">The distinct pairs of all passes together (the pairs compared).</param>
/// <param name="TruePairs">All pairs of records of one person (null without labels).</param>
/// <param name="TruePairsFound">The true pairs among the candidates (null without labels).</param>
/// <param name="Recall">The share of true pairs that are candidates: the ceiling of the resolution's recall (null without labels).</param>
public sealed record BlockingReport(IReadOnlyList<BlockingRuleReport> Rules, long CandidatePairs, long? TruePairs, long? TruePairsFound, double? Recall)
{
    /// <summary>Analyses the blocking passes that resolving these records with these options would run.</summary>
    /// <param name="records">The records.</param>
    /// <param name="options">The fields and blocking effort.</param>
    /// <param name="entityOf">The true person of each record id, when known: then each pass's recall is reported.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The report.</returns>
    /// <exception cref="EcrmException">Bad options or a record with the wrong number of values.</exception>
    public static BlockingReport Analyse(IReadOnlyList<ResolutionRecord> records, ResolverOptions options, Func<string, string>? entityOf = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var prepared = new PreparedRecords(records, options.Fields);
        var entity = entityOf is null ? null : prepared.Ids.Select(entityOf).ToArray();
        long? truePairs = entity?.GroupBy(e => e, StringComparer.Ordinal).Sum(g => (long)g.Count() * (g.Count() - 1) / 2);
        var rules = new List<BlockingRuleReport>();
        var all = new List<long>();
        foreach (var key in Blocking.Keys(prepared))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var proposed = new List<long>();
            Blocking.Propose(prepared.Count, key, options, proposed);
            var distinct = Blocking.Distinct(proposed);
            all.AddRange(distinct);
            long? found = entity is null ? null : distinct.LongCount(p => IsTrue(p, entity));
            rules.Add(new BlockingRuleReport(key.Name, distinct.Length, found, found is null ? null : Share(found.Value, truePairs!.Value)));
        }

        var candidates = Blocking.Distinct(all);
        long? foundAll = entity is null ? null : candidates.LongCount(p => IsTrue(p, entity));
        return new BlockingReport(rules, candidates.Length, truePairs, foundAll, foundAll is null ? null : Share(foundAll.Value, truePairs!.Value));
    }

    private static bool IsTrue(long pair, string[] entity)
    {
        var (a, b) = Blocking.Unpair(pair);
        return string.Equals(entity[a], entity[b], StringComparison.Ordinal);
    }

    private static double Share(long part, long whole) => whole == 0 ? 1 : (double)part / whole;
}
