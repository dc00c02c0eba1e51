namespace Ecrm.Answers;

/// <summary>The library's answer to a question.</summary>
/// <param name="Entry">The entry that matched.</param>
/// <param name="Language">The answer's language (the question's, when the entry has it).</param>
/// <param name="Answer">The answer text.</param>
/// <param name="Score">How well it matched (keywords found, plus twice the best similarity to a sample question).</param>
/// <param name="Matched">The keywords found in the question.</param>
/// <param name="LibraryVersion">The library version that answered (for audits: the same version gives the same answer).</param>
public sealed record AnswerMatch(AnswerEntry Entry, string Language, string Answer, double Score, IReadOnlyList<string> Matched, int LibraryVersion);
