namespace Ecrm.Listening;

/// <summary>One term of a <see cref="SentimentLexicon"/>.</summary>
/// <param name="Term">The word or phrase: Chinese as written, English lowercase with single spaces between words.</param>
/// <param name="Kind">What the term does.</param>
/// <param name="Value">A valence from -4 to +4 for <see cref="LexiconTermKind.Word"/>, a multiplier from 0.1 to 3 for <see cref="LexiconTermKind.Degree"/>, unused (0) otherwise.</param>
public readonly record struct LexiconEntry(string Term, LexiconTermKind Kind, double Value);
