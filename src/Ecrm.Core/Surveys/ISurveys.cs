namespace Ecrm.Surveys;

/// <summary>Surveys: definitions, responses as events from any channel, and results overall or per segment.</summary>
public interface ISurveys
{
    /// <summary>Defines (or redefines) a survey.</summary>
    /// <param name="survey">The definition.</param>
    /// <exception cref="EcrmException">The definition is invalid.</exception>
    void Define(SurveyDefinition survey);

    /// <summary>Gets a defined survey.</summary>
    /// <param name="code">The survey's code.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="EcrmException">No such survey.</exception>
    SurveyDefinition Get(string code);

    /// <summary>Tallies the responses (each respondent's latest), optionally only of a segment's members.</summary>
    /// <param name="code">The survey.</param>
    /// <param name="segment">A segment (<c>AddInsights</c>), or null for everyone.</param>
    /// <param name="cancellationToken">A token to cancel the work.</param>
    /// <returns>The results.</returns>
    /// <exception cref="EcrmException">No such survey or segment.</exception>
    ValueTask<SurveyResults> GetResultsAsync(string code, string? segment = null, CancellationToken cancellationToken = default);
}
