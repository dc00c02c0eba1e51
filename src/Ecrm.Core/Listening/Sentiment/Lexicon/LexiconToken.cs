namespace Ecrm.Listening;

/// <summary>One token of a text as <see cref="LexiconSentimentAnalyzer"/> reads it.</summary>
internal struct LexiconToken
{
    public LexiconTokenKind Kind;
    public LexiconTerm Term;
    public bool Chinese;
    public bool Shouted;
    public byte Exclamations;
    public byte Questions;
}

/// <summary>The kinds of <see cref="LexiconToken"/>.</summary>
internal enum LexiconTokenKind : byte
{
    /// <summary>A lexicon term.</summary>
    Term,

    /// <summary>A character or word the lexicon does not know; it counts as a position for the negation and degree windows.</summary>
    Filler,

    /// <summary>A comma, semicolon or colon: negation and degree stop here.</summary>
    ClauseEnd,

    /// <summary>A full stop, exclamation or question mark, ellipsis or line break: contrast and concession stop here.</summary>
    SentenceEnd,
}
