namespace Ecrm;

/// <summary>Thrown when an identity (kind, scope or value) cannot be parsed or normalised.</summary>
public sealed class IdentityFormatException : EcrmException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="part">Which part was wrong: <c>kind</c>, <c>scope</c> or <c>value</c>.</param>
    /// <param name="problem">What was expected and what was received.</param>
    public IdentityFormatException(string part, string problem)
        : base($"Invalid identity {part}: {problem}")
    {
        Part = part;
        Problem = problem;
    }

    /// <summary>Gets which part of the identity was wrong: <c>kind</c>, <c>scope</c> or <c>value</c>.</summary>
    public string Part { get; }

    /// <summary>Gets the description of the problem.</summary>
    public string Problem { get; }
}
