namespace Ecrm.Surveys;

/// <summary>A survey's results, over everyone or over one segment's members.</summary>
/// <param name="Code">The survey.</param>
/// <param name="Segment">The segment the respondents were limited to, or null.</param>
/// <param name="Respondents">Customers who answered (the latest response of each counts).</param>
/// <param name="Questions">The results per question, in the survey's order.</param>
public sealed record SurveyResults(string Code, string? Segment, int Respondents, IReadOnlyList<QuestionResult> Questions);
