namespace Ecrm.Listening;

/// <summary>An aspect named in a text, with the sentiment of the clause that names it.</summary>
/// <param name="Aspect">The aspect's name.</param>
/// <param name="Keyword">The keyword found (folded to lowercase).</param>
/// <param name="Sentiment">The clause's score in [-1, 1] (the whole text's when the clause alone is neutral).</param>
public sealed record AspectMention(string Aspect, string Keyword, double Sentiment)
{
    /// <summary>Gets whether this mention is a complaint: its sentiment is negative.</summary>
    public bool IsComplaint => Sentiment < 0;
}
