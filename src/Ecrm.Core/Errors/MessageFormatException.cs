namespace Ecrm.Messaging;

/// <summary>An outbound message is malformed or does not suit the sender's channel.</summary>
public sealed class MessageFormatException : EcrmException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="field">The field that is wrong.</param>
    /// <param name="problem">What was expected and what was received.</param>
    public MessageFormatException(string field, string problem)
        : base($"Outbound message {field}: {problem}.") => Field = field;

    /// <summary>Gets the name of the field that is wrong.</summary>
    public string Field { get; }
}
