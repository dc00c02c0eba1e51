namespace Ecrm.Answers;

/// <summary>
/// The one answer library every channel and every staff tool answers from: WeChat's passive replies, e-mail
/// auto-responses, an agent's console. Questions it cannot answer are collected for the library's owners.
/// </summary>
public interface IAnswers
{
    /// <summary>Gets the library in use.</summary>
    AnswerLibrary Library { get; }

    /// <summary>Replaces the library with a newer version.</summary>
    /// <param name="library">The new library.</param>
    /// <exception cref="EcrmException">Its version is not higher than the current one.</exception>
    void Publish(AnswerLibrary library);

    /// <summary>Answers a question; an unanswered one is recorded (see <see cref="GetUnmatched"/>) and logged.</summary>
    /// <param name="question">The question.</param>
    /// <param name="channel">Where it was asked (for the unmatched log), or null for a staff tool.</param>
    /// <returns>The answer, or null.</returns>
    AnswerMatch? Find(string question, EventChannel? channel = null);

    /// <summary>The questions the library could not answer, most asked first.</summary>
    /// <param name="top">How many (1 to 1,000).</param>
    /// <returns>The questions.</returns>
    IReadOnlyList<UnmatchedQuestion> GetUnmatched(int top = 50);
}
