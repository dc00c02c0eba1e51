namespace Ecrm.Surveys;

/// <summary>The answers to one question.</summary>
/// <param name="QuestionId">The question.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="Answered">How many respondents answered it.</param>
/// <param name="Choices">Choice questions: how many picked each choice.</param>
/// <param name="Mean">Rating questions: the mean rating.</param>
/// <param name="NetPromoterScore">Ratings from 0 to 10: promoters (9-10) minus detractors (0-6), in points.</param>
/// <param name="MeanSentiment">Free text: the mean sentiment score (-1 to 1).</param>
/// <param name="NegativeShare">Free text: the share of negative answers.</param>
/// <param name="Examples">Free text: up to five answers, most negative first.</param>
public sealed record QuestionResult(
    string QuestionId,
    SurveyQuestionKind Kind,
    int Answered,
    IReadOnlyDictionary<string, int> Choices,
    double? Mean,
    double? NetPromoterScore,
    double? MeanSentiment,
    double? NegativeShare,
    IReadOnlyList<string> Examples);
