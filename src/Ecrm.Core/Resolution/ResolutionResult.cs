namespace Ecrm.Resolution;

/// <summary>The outcome of resolving a set of records.</summary>
public sealed class ResolutionResult
{
    /// <summary>Gets each record's cluster: the id of the cluster's first record (in input order); singletons are their own cluster.</summary>
    public required IReadOnlyDictionary<string, string> ClusterOf { get; init; }

    /// <summary>Gets the number of clusters (people).</summary>
    public int ClusterCount => ClusterOf.Values.Distinct(StringComparer.Ordinal).Count();

    /// <summary>Gets the pairs decided as matches or sent to review, with their evidence, strongest first.</summary>
    public required IReadOnlyList<MatchDecision> Decisions { get; init; }

    /// <summary>Gets the number of distinct candidate pairs compared.</summary>
    public required long CandidatePairs { get; init; }

    /// <summary>Gets what each blocking pass proposed.</summary>
    public required IReadOnlyList<BlockingPass> BlockingPasses { get; init; }

    /// <summary>Gets the estimated probability that two random records are the same person (the prior of every pair).</summary>
    public required double MatchRate { get; init; }

    /// <summary>Gets the expected number of matched pairs among the candidates, as estimated.</summary>
    public required double ExpectedMatches { get; init; }

    /// <summary>Gets the fitted probabilities of every comparison.</summary>
    public required IReadOnlyList<ComparisonModel> Model { get; init; }

    /// <summary>Gets what a person should know about the fit and the clusters (empty when nothing was found wrong).</summary>
    public required IReadOnlyList<ResolutionWarning> Warnings { get; init; }
}
