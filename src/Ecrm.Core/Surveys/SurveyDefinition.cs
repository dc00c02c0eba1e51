using System.Globalization;

namespace Ecrm.Surveys;

/// <summary>
/// A survey: its questions, and the shape of a response. A response is an event of type <c>survey-response</c> from any
/// channel, with <c>custom.survey</c> = the code and <c>custom.q.ID</c> = each answer (choice ids joined by <c>|</c>,
/// a rating, or text); free-text answers are also the event's <c>text</c>, so listening reads them.
/// </summary>
public sealed record SurveyDefinition
{
    /// <summary>Gets the survey's code (lowercase letters, digits, hyphens). Required.</summary>
    public required string Code { get; init; }

    /// <summary>Gets the title per language.</summary>
    public IReadOnlyDictionary<string, string> Title { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets the questions. Required (at least one).</summary>
    public required IReadOnlyList<SurveyQuestion> Questions { get; init; }

    /// <summary>Validates the definition.</summary>
    /// <exception cref="EcrmException">A field is missing or malformed; the message names it.</exception>
    public void Validate()
    {
        if (string.IsNullOrEmpty(Code) || Code.Length > 64 || !Code.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            throw new EcrmException($"Survey Code: expected 1 to 64 lowercase letters, digits and hyphens, received '{Code}'.");
        }

        if (Questions is null || Questions.Count == 0 || Questions.Select(q => q.Id).Distinct(StringComparer.Ordinal).Count() != Questions.Count)
        {
            throw new EcrmException($"Survey {Code}: expected at least one question with unique ids, received {Questions?.Count ?? 0} questions.");
        }

        foreach (var q in Questions)
        {
            if (string.IsNullOrEmpty(q.Id) || !q.Id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                throw new EcrmException($"Survey {Code}: expected question ids of letters, digits and hyphens, received '{q.Id}'.");
            }

            if (q.Kind is SurveyQuestionKind.Choice or SurveyQuestionKind.Choices && (q.Choices.Count == 0 || q.Choices.Any(c => c.Contains('|', StringComparison.Ordinal))))
            {
                throw new EcrmException($"Survey {Code} question {q.Id}: expected choices (without '|'), received {q.Choices.Count}.");
            }

            if (q.Kind == SurveyQuestionKind.Rating && q.Min >= q.Max)
            {
                throw new EcrmException($"Survey {Code} question {q.Id}: expected Min below Max, received {q.Min} and {q.Max}.");
            }
        }
    }

    /// <summary>Builds the event of a response, checking every answer against its question.</summary>
    /// <param name="id">The event id (the response's id at its source).</param>
    /// <param name="channel">Where it was answered.</param>
    /// <param name="respondent">Who answered.</param>
    /// <param name="at">When.</param>
    /// <param name="answers">Answers by question id (unanswered questions left out).</param>
    /// <returns>The event to ingest.</returns>
    /// <exception cref="EcrmException">An answer does not fit its question, or names an unknown question.</exception>
    public CustomerEvent CreateResponse(string id, EventChannel channel, Identity respondent, DateTimeOffset at, IReadOnlyDictionary<string, string> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var custom = new Dictionary<string, string>(StringComparer.Ordinal) { ["survey"] = Code };
        var texts = new List<string>();
        foreach (var (questionId, answer) in answers)
        {
            var q = Questions.FirstOrDefault(x => x.Id == questionId) ?? throw new EcrmException($"Survey {Code}: expected answers to its questions, received one to '{questionId}'.");
            var ok = q.Kind switch
            {
                SurveyQuestionKind.Choice => q.Choices.Contains(answer),
                SurveyQuestionKind.Choices => answer.Split('|').All(q.Choices.Contains),
                SurveyQuestionKind.Rating => int.TryParse(answer, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var r) && r >= q.Min && r <= q.Max,
                _ => answer.Length is > 0 and <= 4000,
            };
            if (!ok)
            {
                throw new EcrmException($"Survey {Code} question {q.Id}: expected {Expected(q)}, received '{(answer.Length > 50 ? answer[..50] : answer)}'.");
            }

            custom["q." + q.Id] = answer;
            if (q.Kind == SurveyQuestionKind.FreeText)
            {
                texts.Add(answer);
            }
        }

        return new CustomerEvent
        {
            Id = id,
            Channel = channel,
            Type = EventType.SurveyResponse,
            OccurredAt = at,
            Identities = [respondent],
            Properties = new EventProperties { Custom = custom, Text = texts.Count == 0 ? null : string.Join("\n", texts) },
        };
    }

    private static string Expected(SurveyQuestion q) => q.Kind switch
    {
        SurveyQuestionKind.Choice => "one of " + string.Join(", ", q.Choices),
        SurveyQuestionKind.Choices => "some of " + string.Join(", ", q.Choices) + " joined by |",
        SurveyQuestionKind.Rating => $"a whole number from {q.Min} to {q.Max}",
        _ => "1 to 4,000 characters",
    };
}
