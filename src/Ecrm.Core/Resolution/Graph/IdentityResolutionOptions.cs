namespace Ecrm.Resolution;

/// <summary>How the customer graph resolves customers that share no identifier.</summary>
public sealed class IdentityResolutionOptions
{
    /// <summary>Gets or sets the match probability at or above which two customers are merged automatically.</summary>
    /// <value>Defaults to 0.99: merging two different people is worse than missing a merge.</value>
    public double MatchProbability { get; set; } = 0.99;

    /// <summary>Gets or sets the match probability at or above which a pair goes to the review queue.</summary>
    /// <value>Defaults to 0.5.</value>
    public double ReviewProbability { get; set; } = 0.5;

    /// <summary>Gets or sets the fewest comparable fields a customer needs to be considered (a name and one more, by default).</summary>
    /// <value>Defaults to 2.</value>
    public int MinimumFields { get; set; } = 2;

    /// <summary>Checks the options.</summary>
    /// <exception cref="EcrmException">A bad setting.</exception>
    public void Validate()
    {
        if (!(ReviewProbability is > 0 and < 1) || !(MatchProbability > ReviewProbability && MatchProbability < 1))
        {
            throw new EcrmException($"IdentityResolutionOptions: expected 0 < ReviewProbability < MatchProbability < 1, received {ReviewProbability} and {MatchProbability}.");
        }

        if (MinimumFields is < 1 or > 6)
        {
            throw new EcrmException($"IdentityResolutionOptions.MinimumFields: expected 1 to 6, received {MinimumFields}.");
        }
    }
}
