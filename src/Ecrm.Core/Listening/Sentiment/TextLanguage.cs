namespace Ecrm.Listening;

/// <summary>The language of a text, as <see cref="LanguageDetector"/> reads it from its scripts.</summary>
public enum TextLanguage
{
    /// <summary>No letters or ideographs (empty, digits, punctuation or emoji only).</summary>
    Unknown = 0,

    /// <summary>Chinese: ideographs, with at most a little Latin text (brand names, units).</summary>
    Chinese = 1,

    /// <summary>English (or another Latin-script language): Latin letters, with at most a stray ideograph.</summary>
    English = 2,

    /// <summary>Substantial Chinese and English in the same text; both lexicons apply.</summary>
    Mixed = 3,
}
