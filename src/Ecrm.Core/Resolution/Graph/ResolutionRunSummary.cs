namespace Ecrm.Resolution;

/// <summary>What one resolution run over the store did.</summary>
/// <param name="Customers">Customers with enough fields to compare.</param>
/// <param name="CandidatePairs">Pairs compared.</param>
/// <param name="Merged">Pairs linked (merged in the graph, unless a uniqueness rule recorded a conflict instead).</param>
/// <param name="Review">Pairs put in the review queue.</param>
public sealed record ResolutionRunSummary(int Customers, long CandidatePairs, int Merged, int Review)
{
    /// <summary>Gets what the run found wrong with the fit or held back (see <see cref="ResolutionWarningCode"/>).</summary>
    public IReadOnlyList<ResolutionWarning> Warnings { get; init; } = [];
}
