namespace Ecrm.Scoring;

/// <summary>How influence is computed from the customer-to-customer graph and follower counts.</summary>
public sealed class InfluenceOptions
{
    /// <summary>Gets or sets the PageRank damping factor (the chance of following an edge rather than jumping).</summary>
    /// <value>Defaults to 0.85.</value>
    public double Damping { get; set; } = 0.85;

    /// <summary>Gets or sets the share of the score that comes from PageRank; the rest comes from follower counts.</summary>
    /// <value>Defaults to 0.5.</value>
    public double PageRankShare { get; set; } = 0.5;

    /// <summary>Gets or sets the convergence tolerance (L1 change of the rank vector between iterations).</summary>
    /// <value>Defaults to 1e-9.</value>
    public double Tolerance { get; set; } = 1e-9;

    /// <summary>Gets or sets the iteration limit.</summary>
    /// <value>Defaults to 200.</value>
    public int MaxIterations { get; set; } = 200;

    /// <summary>Checks the options, naming what is wrong.</summary>
    /// <exception cref="EcrmException">A value out of range.</exception>
    public void Validate()
    {
        if (!(Damping is > 0 and < 1))
        {
            throw new EcrmException($"InfluenceOptions.Damping: expected a value between 0 and 1 (exclusive), received {Damping}.");
        }

        if (!(PageRankShare is >= 0 and <= 1))
        {
            throw new EcrmException($"InfluenceOptions.PageRankShare: expected a value from 0 to 1, received {PageRankShare}.");
        }

        if (!(Tolerance > 0))
        {
            throw new EcrmException($"InfluenceOptions.Tolerance: expected a positive value, received {Tolerance}.");
        }

        if (MaxIterations < 1)
        {
            throw new EcrmException($"InfluenceOptions.MaxIterations: expected 1 or more, received {MaxIterations}.");
        }
    }
}
