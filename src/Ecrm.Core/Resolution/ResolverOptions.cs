namespace Ecrm.Resolution;

/// <summary>How records are resolved: the fields, the decision thresholds and the blocking effort.</summary>
public sealed class ResolverOptions
{
    /// <summary>Gets the fields of the records, in the order of <see cref="ResolutionRecord.Values"/>.</summary>
    public IList<ResolutionField> Fields { get; } = [];

    /// <summary>Gets or sets the match probability at or above which two records are merged automatically.</summary>
    /// <value>Defaults to 0.9.</value>
    public double MatchProbability { get; set; } = 0.9;

    /// <summary>Gets or sets the match probability at or above which a pair goes to the review queue (below: rejected).</summary>
    /// <value>Defaults to 0.5.</value>
    public double ReviewProbability { get; set; } = 0.5;

    /// <summary>Gets or sets the sorted-neighbourhood window: each record is compared with this many neighbours per pass.</summary>
    /// <value>Defaults to 10.</value>
    public int Window { get; set; } = 10;

    /// <summary>Gets or sets the largest exact-key block compared in full; larger blocks fall back to the window.</summary>
    /// <value>Defaults to 50.</value>
    public int MaxBlockSize { get; set; } = 50;

    /// <summary>Gets or sets how many random pairs estimate the non-match (u) probabilities.</summary>
    /// <value>Defaults to 50,000 (enough for level frequencies down to about 1 in 10,000; rarer ones are smoothed).</value>
    public int RandomPairs { get; set; } = 50_000;

    /// <summary>Gets or sets the seed of the random pair sample (results are reproducible).</summary>
    /// <value>Defaults to 20261123.</value>
    public int Seed { get; set; } = 20261123;

    /// <summary>
    /// Gets or sets how much a <see cref="ResolutionIndex"/> grows (as a share of its records at the last fit) before
    /// its model is refitted and the pairs close to a decision are decided again; 0 refits only on request.
    /// </summary>
    /// <value>Defaults to 0.25 (and at least 100 new records).</value>
    public double RefitAfterGrowth { get; set; } = 0.25;

    /// <summary>
    /// Gets or sets whether agreement on a common value weighs less than on a rare one (term-frequency adjustment).
    /// </summary>
    /// <value>Defaults to true.</value>
    public bool TermFrequencyAdjustments { get; set; } = true;

    /// <summary>
    /// Gets probabilities fixed by configuration instead of estimated, by comparison name (a field's name, or
    /// "address" for the address fields together): m (match) and/or u (non-match) per agreement level, weakest first.
    /// </summary>
    public IDictionary<string, FieldProbabilities> Overrides { get; } = new Dictionary<string, FieldProbabilities>(StringComparer.Ordinal);

    /// <summary>A copy, so that a built index does not see later changes.</summary>
    internal ResolverOptions Copy()
    {
        var copy = new ResolverOptions
        {
            MatchProbability = MatchProbability,
            ReviewProbability = ReviewProbability,
            Window = Window,
            MaxBlockSize = MaxBlockSize,
            RandomPairs = RandomPairs,
            Seed = Seed,
            RefitAfterGrowth = RefitAfterGrowth,
            TermFrequencyAdjustments = TermFrequencyAdjustments,
        };
        foreach (var f in Fields)
        {
            copy.Fields.Add(f);
        }

        foreach (var (name, p) in Overrides)
        {
            copy.Overrides[name] = p;
        }

        return copy;
    }

    /// <summary>Checks the options, naming the first bad setting.</summary>
    /// <exception cref="EcrmException">A bad setting.</exception>
    public void Validate()
    {
        if (Fields.Count == 0)
        {
            throw new EcrmException("ResolverOptions.Fields: expected at least one field, received none.");
        }

        if (Fields.Count > 20)
        {
            throw new EcrmException($"ResolverOptions.Fields: expected at most 20 fields, received {Fields.Count}.");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in Fields)
        {
            if (string.IsNullOrWhiteSpace(f.Name) || !names.Add(f.Name))
            {
                throw new EcrmException($"ResolverOptions.Fields: expected unique, non-empty field names, received '{f.Name}'.");
            }
        }

        if (!(ReviewProbability is > 0 and < 1) || !(MatchProbability > ReviewProbability && MatchProbability < 1))
        {
            throw new EcrmException($"ResolverOptions: expected 0 < ReviewProbability < MatchProbability < 1, received {ReviewProbability} and {MatchProbability}.");
        }

        if (!(RefitAfterGrowth >= 0 && RefitAfterGrowth <= 100))
        {
            throw new EcrmException($"ResolverOptions.RefitAfterGrowth: expected 0 (refit on request only) to 100, received {RefitAfterGrowth}.");
        }

        if (Window < 1 || MaxBlockSize < 2 || RandomPairs < 1000)
        {
            throw new EcrmException($"ResolverOptions: expected Window >= 1, MaxBlockSize >= 2 and RandomPairs >= 1000, received {Window}, {MaxBlockSize} and {RandomPairs}.");
        }

        var comparisons = PreparedRecords.Plan([.. Fields]);
        if (comparisons.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } clash)
        {
            throw new EcrmException($"ResolverOptions.Fields: expected comparison names that differ, received '{clash.Key}' twice (the address fields together are compared as 'address', and several fields of one kind as 'NAME+NAME'): rename the field.");
        }

        foreach (var (name, p) in Overrides)
        {
            var comparison = comparisons.FirstOrDefault(c => c.Name == name)
                ?? throw new EcrmException($"ResolverOptions.Overrides: expected a comparison name ({string.Join(", ", comparisons.Select(c => c.Name))}), received '{name}'.");
            p.Validate($"ResolverOptions.Overrides[{name}]", comparison.Levels);
        }
    }
}
