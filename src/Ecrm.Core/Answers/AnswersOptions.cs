namespace Ecrm.Answers;

/// <summary>The answer library to start with, and which channels get automatic answers by message.</summary>
public sealed class AnswersOptions
{
    /// <summary>Gets or sets the library (empty by default: nothing is answered until one is published).</summary>
    public AnswerLibrary Library { get; set; } = new([]);

    /// <summary>
    /// Gets the channels whose incoming messages are answered through their <see cref="Messaging.IMessageSender"/>
    /// (a service message, idempotent per message). Default e-mail. WeChat answers in the callback's passive reply instead.
    /// </summary>
    public ISet<EventChannel> RespondByMessage { get; } = new HashSet<EventChannel> { EventChannel.Email };

    /// <summary>Gets or sets the subject of e-mail auto-responses (<c>{question}</c> is the start of the question). Default "Re: {question}".</summary>
    public string EmailSubject { get; set; } = "Re: {question}";

    /// <summary>Gets or sets how many distinct unanswered questions are kept. Default 10,000.</summary>
    public int UnmatchedCapacity { get; set; } = 10_000;

    /// <summary>Validates the options.</summary>
    /// <exception cref="EcrmException">A value is out of range.</exception>
    public void Validate()
    {
        if (Library is null || UnmatchedCapacity is < 1 or > 1_000_000)
        {
            throw new EcrmException($"AnswersOptions: expected a library and an UnmatchedCapacity of 1 to 1,000,000, received {(Library is null ? "no library" : "a library")} and {UnmatchedCapacity}.");
        }
    }
}
