using System.Globalization;

namespace Ecrm.Segments;

/// <summary>A literal in a segment condition: a text or a number.</summary>
public readonly record struct SegmentValue
{
    private SegmentValue(string? text, decimal number)
    {
        Text = text;
        Number = number;
    }

    /// <summary>Gets the text, or null for a number.</summary>
    public string? Text { get; }

    /// <summary>Gets the number (0 for a text).</summary>
    public decimal Number { get; }

    /// <summary>Gets whether this is a number.</summary>
    public bool IsNumber => Text is null;

    /// <summary>A text literal.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The value.</returns>
    public static SegmentValue Of(string text) => new(text ?? throw new ArgumentNullException(nameof(text)), 0);

    /// <summary>A number literal.</summary>
    /// <param name="number">The number.</param>
    /// <returns>The value.</returns>
    public static SegmentValue Of(decimal number) => new(null, number);

    /// <summary>Implicit conversion from text.</summary>
    /// <param name="text">The text.</param>
    public static implicit operator SegmentValue(string text) => Of(text);

    /// <summary>Implicit conversion from a number.</summary>
    /// <param name="number">The number.</param>
    public static implicit operator SegmentValue(decimal number) => Of(number);

    /// <summary>Implicit conversion from a whole number.</summary>
    /// <param name="number">The number.</param>
    public static implicit operator SegmentValue(int number) => Of(number);

    /// <summary>The literal as written in the text form: a quoted, escaped string or an invariant number.</summary>
    /// <returns>The literal.</returns>
    public override string ToString()
        => Text is null
            ? Number.ToString(CultureInfo.InvariantCulture)
            : "\"" + Text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
