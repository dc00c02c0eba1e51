namespace Ecrm.Surveys;

/// <summary>One question of a survey.</summary>
public sealed record SurveyQuestion
{
    /// <summary>Gets the question's id within the survey (letters, digits, hyphens). Required.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the question as asked, per language (<c>zh</c>, <c>en</c>).</summary>
    public IReadOnlyDictionary<string, string> Text { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets the kind of answer. Default <see cref="SurveyQuestionKind.Choice"/>.</summary>
    public SurveyQuestionKind Kind { get; init; } = SurveyQuestionKind.Choice;

    /// <summary>Gets the choices' ids (for choice questions).</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    /// <summary>Gets the lowest rating. Default 1.</summary>
    public int Min { get; init; } = 1;

    /// <summary>Gets the highest rating. Default 5.</summary>
    public int Max { get; init; } = 5;
}
