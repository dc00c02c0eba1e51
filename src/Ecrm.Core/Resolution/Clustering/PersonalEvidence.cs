using System.Globalization;

namespace Ecrm.Resolution;

/// <summary>
/// What two records say about the person, apart from where and how they live: the given or full name, the birth
/// date and the national id, weighed with the default (or configured) m-probabilities, so that a fit which absorbed
/// households as matches cannot weaken it. A household shares a family name, an address and often a phone and an
/// e-mail address, so only this evidence tells its members apart; it decides two safety rules of the clustering.
/// </summary>
internal sealed class PersonalEvidence
{
    private readonly Comparison[] _comparisons;
    private readonly MatchModel _model;
    private readonly bool _configured;

    public PersonalEvidence(Comparison[] comparisons, MatchModel model)
    {
        _comparisons = comparisons;
        _model = model;
        _configured = comparisons.Any(c => ComparisonDefaults.IsPersonal(c.Kind));
    }

    /// <summary>
    /// Why two records strongly disagree, or null: their personal evidence weighs at least
    /// <see cref="ComparisonDefaults.StrongDisagreementBits"/> against a match (a birth date and a given name both
    /// different; two national ids with nothing personal agreeing; a different given name where nothing else personal
    /// is known). Such records never share a cluster, directly or through a third record.
    /// </summary>
    public string? StrongDisagreement(ReadOnlySpan<int> levels)
    {
        var (bits, _) = Weigh(levels);
        return bits > -ComparisonDefaults.StrongDisagreementBits ? null : Describe(levels, bits);
    }

    /// <summary>
    /// Why a pair above the match probability must still not merge automatically, or null: where the configuration
    /// has personal fields, an automatic merge needs their evidence in favour; a pair that agrees only on where and how
    /// someone lives (a family name, an address, a phone) may be two people of one household, and goes to review.
    /// </summary>
    public string? InsufficientForMerge(ReadOnlySpan<int> levels)
    {
        if (!_configured)
        {
            return null;
        }

        var (bits, any) = Weigh(levels);
        if (!any)
        {
            return "nothing personal (name, birth date, id) to compare: they may be two people of one household";
        }

        return bits > 0 ? null : string.Create(CultureInfo.InvariantCulture, $"the personal evidence is not in favour ({Describe(levels, bits)}): they may be two people of one household");
    }

    private (double Bits, bool Any) Weigh(ReadOnlySpan<int> levels)
    {
        var bits = 0.0;
        var any = false;
        for (var c = 0; c < levels.Length; c++)
        {
            if (levels[c] >= 0 && ComparisonDefaults.IsPersonal(_comparisons[c].Kind))
            {
                bits += _model.ReferenceWeight(c, levels[c]);
                any = true;
            }
        }

        return (bits, any);
    }

    private string Describe(ReadOnlySpan<int> levels, double bits)
    {
        var parts = new List<string>();
        for (var c = 0; c < levels.Length; c++)
        {
            if (levels[c] >= 0 && ComparisonDefaults.IsPersonal(_comparisons[c].Kind))
            {
                parts.Add($"{_comparisons[c].Name} {_comparisons[c].LevelNames[levels[c]]}");
            }
        }

        return string.Create(CultureInfo.InvariantCulture, $"{string.Join(", ", parts)}: {bits:+0.0;-0.0} bits of personal evidence");
    }
}
