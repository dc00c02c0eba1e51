using System.Globalization;
using System.Text;

namespace Ecrm.Resolution;

/// <summary>
/// Canonical text for comparison: NFKC (full-width Latin and digits become half-width, compatibility forms unfold),
/// lowercase, punctuation dropped, whitespace collapsed. No assumption that words are separated by spaces.
/// </summary>
internal static class TextFolding
{
    public static string? Fold(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var normalized = value.Normalize(NormalizationForm.FormKC);
        var sb = new StringBuilder(normalized.Length);
        var space = false;
        foreach (var ch in normalized)
        {
            if (char.IsLetterOrDigit(ch))
            {
                if (space && sb.Length > 0)
                {
                    sb.Append(' ');
                }

                sb.Append(char.ToLowerInvariant(ch));
                space = false;
            }
            else if (char.IsWhiteSpace(ch) || char.IsPunctuation(ch) || char.IsSymbol(ch))
            {
                space = true;
            }
        }

        return sb.Length == 0 ? null : sb.ToString();
    }

    /// <summary>Only the digits of a value (dates, ids, numbers), or null when it has none.</summary>
    public static string? Digits(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var normalized = value.Normalize(NormalizationForm.FormKC);
        var sb = new StringBuilder(normalized.Length);
        foreach (var ch in normalized)
        {
            if (char.IsAsciiDigit(ch))
            {
                sb.Append(ch);
            }
        }

        return sb.Length == 0 ? null : sb.ToString();
    }

    /// <summary>Whether the text contains CJK ideographs (then tokens are character bigrams, not words).</summary>
    public static bool HasIdeographs(string value)
    {
        foreach (var ch in value)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.OtherLetter && ch >= '\u2E80')
            {
                return true;
            }
        }

        return false;
    }
}
