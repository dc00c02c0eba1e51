using Ecrm;
using Ecrm.Surveys;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers surveys.</summary>
public static class EcrmSurveysBuilderExtensions
{
    /// <summary>
    /// Adds <see cref="ISurveys"/>: definitions, responses as <c>survey-response</c> events from any channel, results per
    /// segment; free-text answers reach listening (sentiment, competitor mentions, feature requests) when it is added.
    /// </summary>
    /// <param name="builder">The Ecrm builder.</param>
    /// <returns>The builder.</returns>
    public static IEcrmBuilder AddSurveys(this IEcrmBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<ISurveys, SurveyService>();
        return builder;
    }
}
