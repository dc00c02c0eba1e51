namespace Ecrm.Resolution;

/// <summary>
/// The fitted Fellegi-Sunter model: per comparison and level, m = P(level | match) and u = P(level | non-match); and
/// the expected number of matched pairs per record, from which the prior probability that two random records are
/// the same person follows for any number of records (so that a growing index keeps the batch model's prior).
/// </summary>
internal sealed class MatchModel
{
    private readonly double[][] _weights;
    private readonly double[][] _reference;

    public MatchModel(double[][] m, double[][] u, double duplicatesPerRecord, bool[] fitted, double[][] defaults)
    {
        M = m;
        U = u;
        DuplicatesPerRecord = duplicatesPerRecord;
        Fitted = fitted;
        _weights = Weights(m, u);
        _reference = Weights(defaults, u);
    }

    public double[][] M { get; }

    public double[][] U { get; }

    /// <summary>Gets whether each comparison's m was estimated from the data (false: defaults or configuration).</summary>
    public bool[] Fitted { get; }

    /// <summary>Gets the expected number of matched pairs per record.</summary>
    public double DuplicatesPerRecord { get; }

    /// <summary>The prior probability that two random records of a set of <paramref name="records"/> are the same person.</summary>
    public static double MatchRate(double duplicatesPerRecord, int records)
        => records < 2 ? 0.5 : Math.Clamp(2 * duplicatesPerRecord / (records - 1), 1e-300, 0.5);

    public double MatchRate(int records) => MatchRate(DuplicatesPerRecord, records);

    /// <summary>The prior log2 odds of a match between two records of a set of <paramref name="records"/>.</summary>
    public double PriorWeight(int records)
    {
        var rate = MatchRate(records);
        return Math.Log2(rate / (1 - rate));
    }

    /// <summary>The weight of a level: log2(m / u).</summary>
    public double Weight(int comparison, int level) => _weights[comparison][level];

    /// <summary>
    /// The weight of a level with the default (or configured) m instead of the fitted one: what the level says about
    /// any person, whatever structure of this data the fit may have absorbed (households that look like matches).
    /// </summary>
    public double ReferenceWeight(int comparison, int level) => _reference[comparison][level];

    /// <summary>The sum of the level weights of a pattern (missing levels weigh nothing).</summary>
    public double Weight(ReadOnlySpan<int> levels)
    {
        var weight = 0.0;
        for (var c = 0; c < levels.Length; c++)
        {
            if (levels[c] >= 0)
            {
                weight += _weights[c][levels[c]];
            }
        }

        return weight;
    }

    private static double[][] Weights(double[][] m, double[][] u) => [.. m.Select((mc, c) => mc.Select((v, l) => Math.Log2(v / u[c][l])).ToArray())];

    /// <summary>The posterior probability of a match for a total log2 odds (prior plus evidence).</summary>
    public static double Probability(double log2Odds) => 1 / (1 + Math.Pow(2, -log2Odds));
}
