namespace Ecrm.Surveys;

/// <summary>What kind of answer a survey question takes.</summary>
public enum SurveyQuestionKind
{
    /// <summary>One of the choices.</summary>
    Choice,

    /// <summary>Any number of the choices (joined by <c>|</c> in the response).</summary>
    Choices,

    /// <summary>A whole number from <see cref="SurveyQuestion.Min"/> to <see cref="SurveyQuestion.Max"/> (0-10: net promoter score).</summary>
    Rating,

    /// <summary>Free text, read by listening (sentiment, competitor mentions, feature requests).</summary>
    FreeText,
}
