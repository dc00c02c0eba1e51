namespace Ecrm.Storage;

/// <summary>
/// A row of a store's kept-apart identities: two identities an undone merge forbids to share a customer, ever (see
/// <c>MergeRules.KeepApart</c>). The index keeps the pairs themselves, not the undo: which identities an undo keeps
/// apart depends on the graph at the moment of the undo (a device shared since linked the two sides then), which a
/// working set replayed from today's components cannot show; the pairs hold whatever came after. Filed under each
/// identity of the pair.
/// </summary>
/// <param name="Identity">One identity (normalized).</param>
/// <param name="Other">The identity it is kept apart from.</param>
public readonly record struct IndexedKeptApart(Identity Identity, Identity Other);
