namespace Ecrm.Resolution;

/// <summary>A comparison pattern (one level per comparison, -1 = missing) packed into a long: three bits a comparison.</summary>
internal static class PatternCode
{
    /// <summary>The most levels a comparison may have (the code keeps one value for "missing").</summary>
    public const int MaxLevels = 7;

    private const int Radix = 8;

    public static long Encode(ReadOnlySpan<int> levels)
    {
        long code = 0;
        for (var c = levels.Length - 1; c >= 0; c--)
        {
            code = (code * Radix) + (levels[c] + 1);
        }

        return code;
    }

    public static void Decode(long code, Span<int> levels)
    {
        for (var c = 0; c < levels.Length; c++)
        {
            levels[c] = (int)(code % Radix) - 1;
            code /= Radix;
        }
    }
}
