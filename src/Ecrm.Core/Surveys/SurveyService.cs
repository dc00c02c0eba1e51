using System.Globalization;
using Ecrm.Insights;
using Ecrm.Listening;
using Ecrm.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Ecrm.Surveys;

/// <summary>Surveys over the store: responses are read from every customer's events when results are asked for.</summary>
internal sealed class SurveyService(IServiceProvider services, CustomerStore store) : ISurveys
{
    private readonly Dictionary<string, SurveyDefinition> _surveys = new(StringComparer.Ordinal);

    public void Define(SurveyDefinition survey)
    {
        ArgumentNullException.ThrowIfNull(survey);
        survey.Validate();
        lock (_surveys)
        {
            _surveys[survey.Code] = survey;
        }
    }

    public SurveyDefinition Get(string code)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        lock (_surveys)
        {
            return _surveys.TryGetValue(code, out var survey) ? survey : throw new EcrmException($"Survey: expected a defined survey, received '{code}'.");
        }
    }

    public async ValueTask<SurveyResults> GetResultsAsync(string code, string? segment = null, CancellationToken cancellationToken = default)
    {
        var survey = Get(code);
        HashSet<string>? members = null;
        if (segment is not null)
        {
            var insights = services.GetService<ICustomerInsights>() ?? throw new EcrmException($"Survey {code}: expected segments (AddInsights) to limit results to '{segment}', received none.");
            members = (await insights.GetMembersAsync(segment, cancellationToken).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
        }

        var latest = new List<IReadOnlyDictionary<string, string>>();
        await foreach (var profile in store.ScanCustomersAsync(cancellationToken).ConfigureAwait(false))
        {
            if (members?.Contains(profile.Id) == false)
            {
                continue;
            }

            var response = (await store.ReadAllAsync(profile.Id, cancellationToken).ConfigureAwait(false))
                .LastOrDefault(e => e.Type == EventType.SurveyResponse && e.Properties?.Custom?.GetValueOrDefault("survey") == code);
            if (response?.Properties?.Custom is { } answers)
            {
                latest.Add(answers);
            }
        }

        var sentiment = services.GetService<ISentimentAnalyzer>() ?? LexiconSentimentAnalyzer.Default;
        var results = survey.Questions.Select(q => Tally(q, [.. latest.Select(a => a.GetValueOrDefault("q." + q.Id)).OfType<string>()], sentiment)).ToList();
        return new SurveyResults(code, segment, latest.Count, results);
    }

    private static QuestionResult Tally(SurveyQuestion q, List<string> answers, ISentimentAnalyzer sentiment)
    {
        var choices = new Dictionary<string, int>(StringComparer.Ordinal);
        double? mean = null, nps = null, meanSentiment = null, negative = null;
        IReadOnlyList<string> examples = [];
        switch (q.Kind)
        {
            case SurveyQuestionKind.Choice or SurveyQuestionKind.Choices:
                foreach (var choice in q.Choices)
                {
                    choices[choice] = 0;
                }

                foreach (var picked in answers.SelectMany(a => a.Split('|')).Where(choices.ContainsKey))
                {
                    choices[picked]++;
                }

                break;
            case SurveyQuestionKind.Rating:
                var ratings = answers.Select(a => int.TryParse(a, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var r) ? r : (int?)null).OfType<int>().ToList();
                if (ratings.Count > 0)
                {
                    mean = ratings.Average();
                    if (q.Min == 0 && q.Max == 10)
                    {
                        nps = 100.0 * (ratings.Count(r => r >= 9) - ratings.Count(r => r <= 6)) / ratings.Count;
                    }
                }

                break;
            default:
                var scored = answers.Select(a => (Text: a, Score: sentiment.Analyze(a).Score)).ToList();
                if (scored.Count > 0)
                {
                    meanSentiment = scored.Average(s => s.Score);
                    negative = (double)scored.Count(s => s.Score < 0) / scored.Count;
                    examples = [.. scored.OrderBy(s => s.Score).Take(5).Select(s => s.Text)];
                }

                break;
        }

        return new QuestionResult(q.Id, q.Kind, answers.Count, choices, mean, nps, meanSentiment, negative, examples);
    }
}
