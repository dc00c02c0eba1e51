namespace Ecrm.Resolution;

/// <summary>How many candidate pairs one blocking pass proposed (before removing pairs other passes also found).</summary>
/// <param name="Name">The pass, e.g. "sorted:family-name+given-name" or "block:birth-date".</param>
/// <param name="Pairs">The pairs it proposed.</param>
public sealed record BlockingPass(string Name, long Pairs);
