namespace Ecrm;

/// <summary>
/// The base type of every exception that Ecrm.Sdk throws on purpose. Catch this type to handle any SDK error;
/// the derived types carry the details (which field, which identity, which store).
/// </summary>
public class EcrmException : Exception
{
    /// <summary>Creates an exception with a message that says what was expected and what was received.</summary>
    /// <param name="message">The message.</param>
    public EcrmException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception that wraps the error that caused it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The underlying error.</param>
    public EcrmException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
