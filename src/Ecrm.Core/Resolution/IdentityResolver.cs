namespace Ecrm.Resolution;

/// <summary>
/// Probabilistic record linkage in the Fellegi-Sunter tradition: normalise, block (several passes), compare field by
/// field, estimate the model from the data (u from random pairs, m and the match rate by EM), decide each candidate pair
/// (match, review, non-match) with its evidence, and cluster the matches.
/// </summary>
public static class IdentityResolver
{
    /// <summary>Resolves records into clusters of the same person.</summary>
    /// <param name="records">The records; each has one value per field of <paramref name="options"/>.</param>
    /// <param name="options">Fields, thresholds, blocking effort.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>Clusters, decisions with evidence, blocking counts and the fitted model.</returns>
    /// <exception cref="EcrmException">Bad options, a record with the wrong number of values, or duplicate record ids.</exception>
    public static ResolutionResult Resolve(IReadOnlyList<ResolutionRecord> records, ResolverOptions options, CancellationToken cancellationToken = default)
        => ResolutionIndex.Build(records, options, cancellationToken).Result;
}
