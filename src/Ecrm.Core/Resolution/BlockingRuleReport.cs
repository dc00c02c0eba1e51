namespace Ecrm.Resolution;

/// <summary>What one blocking pass proposes, and, where the truth is known, how many true pairs it finds.</summary>
/// <param name="Name">The pass, e.g. "sorted:surname+given_name" or "block:date_of_birth".</param>
/// <param name="Pairs">The distinct pairs it proposes.</param>
/// <param name="TruePairsFound">The true pairs among them (null without labels).</param>
/// <param name="Recall">The share of all true pairs it finds on its own (null without labels).</param>
public sealed record BlockingRuleReport(string Name, long Pairs, long? TruePairsFound, double? Recall);
