namespace Ecrm.Resolution;

/// <summary>What a <see cref="ResolutionWarning"/> is about.</summary>
public enum ResolutionWarningCode
{
    /// <summary>
    /// The estimated model was degenerate (the expected matches reached the bound the blocking allows, or matches came
    /// out looking like non-matches); it was replaced by the documented defaults, and decisions are conservative.
    /// </summary>
    DegenerateFit,

    /// <summary>
    /// Estimation pulled the agreement of matches on some comparison below its plausible floor, and was held there: the
    /// data holds non-matches that agree on other fields, which the model may mistake for matches.
    /// </summary>
    ConstrainedFit,

    /// <summary>Fewer than three comparisons hold data: m cannot be identified from the data, so the defaults were used.</summary>
    FewComparisons,

    /// <summary>The candidate pairs hold (almost) no matches: m stays at its defaults; the data may have no duplicates.</summary>
    NoMatchesFound,

    /// <summary>Many expected matches have a probability between 0.1 and 0.9: the fields separate matches poorly.</summary>
    PoorSeparation,

    /// <summary>Even full agreement on every comparison stays below the match probability: pairs can reach review only.</summary>
    MatchesUnreachable,

    /// <summary>
    /// Pairs above the match probability were sent to review: their personal evidence did not support an automatic
    /// merge, or the merge would have joined records that strongly disagree.
    /// </summary>
    ClustersKeptApart,
}
