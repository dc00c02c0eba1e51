namespace Ecrm.Listening;

/// <summary>Splits a text into clauses (at commas, semicolons, full stops, question and exclamation marks, line breaks).</summary>
internal static class TextClauses
{
    /// <summary>The clause of a text around a position: its start and length.</summary>
    public static (int Start, int Length) Around(string text, int position, bool sentence = false)
    {
        var start = position;
        while (start > 0 && !IsBreak(text[start - 1], sentence))
        {
            start--;
        }

        var end = position;
        while (end < text.Length && !IsBreak(text[end], sentence))
        {
            end++;
        }

        return (start, end - start);
    }

    private static bool IsBreak(char ch, bool sentence) =>
        ch is '。' or '！' or '？' or '!' or '?' or '\n' or '\r' or '…'
        || ch == '.'
        || (!sentence && ch is '，' or ',' or '；' or ';');
}
