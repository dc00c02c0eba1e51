namespace Ecrm.Listening;

/// <summary>What a lexicon term does in the rules of <see cref="LexiconSentimentAnalyzer"/>.</summary>
public enum LexiconTermKind
{
    /// <summary>A sentiment word or phrase; its value is a valence from -4 to +4.</summary>
    Word = 0,

    /// <summary>A negation (不, 没有, not, never): flips and damps (x -0.74) the next sentiment word in its clause.</summary>
    Negation = 1,

    /// <summary>A degree adverb (非常, 有点, very, slightly): multiplies the next sentiment word by its value (0.5 to 2).</summary>
    Degree = 2,

    /// <summary>A contrast word (但是, but): the sentence's words before it weigh half, those after it one and a half.</summary>
    Contrast = 3,

    /// <summary>A concession word (虽然, although): the words after it weigh half until a contrast word or the sentence end.</summary>
    Concession = 4,
}
