namespace Ecrm.Segments;

/// <summary>The comparisons a segment condition can make.</summary>
public enum ComparisonOperator
{
    /// <summary><c>=</c></summary>
    Equal,

    /// <summary><c>!=</c></summary>
    NotEqual,

    /// <summary><c>&lt;</c> (numbers)</summary>
    Less,

    /// <summary><c>&lt;=</c> (numbers)</summary>
    LessOrEqual,

    /// <summary><c>&gt;</c> (numbers)</summary>
    Greater,

    /// <summary><c>&gt;=</c> (numbers)</summary>
    GreaterOrEqual,

    /// <summary><c>in ("a", "b")</c>: equal to one of the values.</summary>
    In,

    /// <summary><c>contains "x"</c> (text)</summary>
    Contains,

    /// <summary><c>starts-with "x"</c> (text)</summary>
    StartsWith,

    /// <summary><c>exists</c>: the value is known.</summary>
    Exists,
}
