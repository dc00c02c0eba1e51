namespace Ecrm.Resolution;

/// <summary>What was decided for a candidate pair.</summary>
public enum MatchOutcome
{
    /// <summary>Below the review threshold: different people.</summary>
    NonMatch,

    /// <summary>Between the thresholds: a person should look.</summary>
    Review,

    /// <summary>At or above the match threshold: the same person, merged automatically.</summary>
    Match,
}
