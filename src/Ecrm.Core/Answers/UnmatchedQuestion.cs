namespace Ecrm.Answers;

/// <summary>A question the library could not answer, for its owners to add an entry.</summary>
/// <param name="Question">The question as first asked.</param>
/// <param name="Count">How many times it (folded: case, width, spacing) was asked.</param>
/// <param name="Channels">The channels it came through.</param>
/// <param name="LastAskedAt">When it was last asked.</param>
public sealed record UnmatchedQuestion(string Question, int Count, IReadOnlyList<string> Channels, DateTimeOffset LastAskedAt);
