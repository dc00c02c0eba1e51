using System.Buffers;

namespace Ecrm.Internal;

/// <summary>Finds C0 and C1 control characters (U+0000-U+001F, U+007F-U+009F) in one vectorised pass.</summary>
internal static class ControlCharacters
{
    private static readonly SearchValues<char> Values = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(i => (char)i), .. Enumerable.Range(0x7f, 0x21).Select(i => (char)i)]);

    public static bool Any(ReadOnlySpan<char> text) => text.IndexOfAny(Values) >= 0;

    public static int IndexOf(ReadOnlySpan<char> text) => text.IndexOfAny(Values);
}
