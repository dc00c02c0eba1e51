namespace Ecrm.Segments;

/// <summary>A segment rule that does not parse or does not type-check, with where and what was expected.</summary>
public sealed class SegmentSyntaxException : EcrmException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="line">The 1-based line (0 when the rule came from JSON or C#).</param>
    /// <param name="column">The 1-based column (0 when the rule came from JSON or C#).</param>
    /// <param name="location">Where, in words: "line 1, column 5" or a JSON path.</param>
    /// <param name="expected">What was expected.</param>
    /// <param name="received">What was found.</param>
    public SegmentSyntaxException(int line, int column, string location, string expected, string received)
        : base($"Segment rule, {location}: expected {expected}, received {received}.")
    {
        Line = line;
        Column = column;
        Expected = expected;
        Received = received;
    }

    /// <summary>Gets the 1-based line of the problem (0 when not from text).</summary>
    public int Line { get; }

    /// <summary>Gets the 1-based column of the problem (0 when not from text).</summary>
    public int Column { get; }

    /// <summary>Gets what was expected.</summary>
    public string Expected { get; }

    /// <summary>Gets what was found instead.</summary>
    public string Received { get; }
}
