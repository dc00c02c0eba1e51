namespace Ecrm;

/// <summary>
/// Thrown when the name of an identity kind, channel or event type is not a valid token
/// (1-64 characters of lowercase ASCII letters, digits and inner hyphens).
/// </summary>
public sealed class TokenFormatException : EcrmException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="tokenType">The kind of token, for example <c>identity kind</c>.</param>
    /// <param name="value">The rejected value.</param>
    /// <param name="problem">What was expected.</param>
    public TokenFormatException(string tokenType, string? value, string problem)
        : base($"Invalid {tokenType} '{value}': {problem}")
    {
        TokenType = tokenType;
        Value = value;
    }

    /// <summary>Gets the kind of token, for example <c>identity kind</c>.</summary>
    public string TokenType { get; }

    /// <summary>Gets the rejected value.</summary>
    public string? Value { get; }
}
