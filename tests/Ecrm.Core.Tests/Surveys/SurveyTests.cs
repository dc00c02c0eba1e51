using Ecrm.Listening;
using Ecrm.Segments;
using Ecrm.Surveys;
using Microsoft.Extensions.DependencyInjection;

namespace Ecrm.Core.Tests.Surveys;

public sealed class SurveyTests
{
    private static readonly DateTimeOffset At = DateTimeOffset.UtcNow.AddDays(-1);

    private static readonly SurveyDefinition Survey = new()
    {
        Code = "post-purchase",
        Title = new Dictionary<string, string> { ["zh"] = "购物满意度", ["en"] = "How was your order?" },
        Questions =
        [
            new SurveyQuestion { Id = "channel", Kind = SurveyQuestionKind.Choice, Choices = ["wechat", "weibo", "friend"] },
            new SurveyQuestion { Id = "liked", Kind = SurveyQuestionKind.Choices, Choices = ["price", "quality", "delivery"] },
            new SurveyQuestion { Id = "nps", Kind = SurveyQuestionKind.Rating, Min = 0, Max = 10 },
            new SurveyQuestion { Id = "comment", Kind = SurveyQuestionKind.FreeText },
        ],
    };

    [Fact]
    public async Task Results_TallyChoicesNpsAndFreeText_PerSegment_AndListeningReadsTheText()
    {
        var services = new ServiceCollection();
        services.AddEcrm()
            .AddInsights(o => o.Segments.Add(SegmentDefinition.Parse("buyers", 1, "count(purchase, 365d) >= 1")))
            .AddListening(o => o.OwnBrand = new BrandDefinition("青禾", ["Qinghe"]))
            .AddSurveys();
        await using var provider = services.BuildServiceProvider();
        var graph = provider.GetRequiredService<ICustomerGraph>();
        var surveys = provider.GetRequiredService<ISurveys>();
        surveys.Define(Survey);

        (string Channel, string Liked, string Nps, string Comment)[] answers =
        [
            ("wechat", "price|quality", "10", "质量很好，物流也快，五星好评！"),
            ("wechat", "quality", "9", "很满意，会推荐给朋友"),
            ("weibo", "delivery", "6", "快递太慢了，等了一个星期才到"),
            ("friend", "price", "3", "希望增加分期付款的选项"),
        ];
        for (var i = 0; i < answers.Length; i++)
        {
            var respondent = Identity.Phone($"+86139000000{i:D2}");
            if (i < 2)
            {
                await graph.IngestAsync(new CustomerEvent { Id = $"buy-{i}", Channel = EventChannel.Shop, Type = EventType.Purchase, OccurredAt = At.AddDays(-3), Identities = [respondent], Properties = new EventProperties { Amount = 10m, Currency = "CNY" } });
            }

            var (channel, liked, nps, comment) = answers[i];
            await graph.IngestAsync(Survey.CreateResponse($"response-{i}", i % 2 == 0 ? EventChannel.WeChat : EventChannel.Email, respondent, At,
                new Dictionary<string, string> { ["channel"] = channel, ["liked"] = liked, ["nps"] = nps, ["comment"] = comment }));
        }

        var all = await surveys.GetResultsAsync("post-purchase");
        Assert.Equal(4, all.Respondents);
        Assert.Equal(2, all.Questions[0].Choices["wechat"]);
        Assert.Equal((2, 2, 1), (all.Questions[1].Choices["price"], all.Questions[1].Choices["quality"], all.Questions[1].Choices["delivery"]));
        Assert.Equal(7.0, all.Questions[2].Mean);
        Assert.Equal(0.0, all.Questions[2].NetPromoterScore); // 2 promoters, 2 detractors of 4
        var text = all.Questions[3];
        Assert.Equal(4, text.Answered);
        Assert.True(text.NegativeShare >= 0.25);
        Assert.Equal("快递太慢了，等了一个星期才到", text.Examples[0]);

        var buyers = await surveys.GetResultsAsync("post-purchase", "buyers");
        Assert.Equal(2, buyers.Respondents);
        Assert.Equal(100.0, buyers.Questions[2].NetPromoterScore);

        var requests = await provider.GetRequiredService<IListening>().GetFeatureRequestsAsync();
        Assert.Contains(requests, r => r.Examples.Any(e => e.Contains("分期付款", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("channel", "tv", "one of wechat, weibo, friend")]
    [InlineData("liked", "price|speed", "some of price, quality, delivery")]
    [InlineData("nps", "11", "a whole number from 0 to 10")]
    [InlineData("unknown", "x", "answers to its questions")]
    public void BadAnswers_AreTypedErrors(string question, string answer, string expected)
    {
        var ex = Assert.Throws<EcrmException>(() => Survey.CreateResponse("r", EventChannel.Web, Identity.Phone("+8613900000001"), At, new Dictionary<string, string> { [question] = answer }));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Definitions_AreValidated()
    {
        Assert.Contains("unique ids", Assert.Throws<EcrmException>(() => (Survey with { Questions = [Survey.Questions[0], Survey.Questions[0]] }).Validate()).Message, StringComparison.Ordinal);
        Assert.Contains("choices", Assert.Throws<EcrmException>(() => (Survey with { Questions = [new SurveyQuestion { Id = "q" }] }).Validate()).Message, StringComparison.Ordinal);
    }
}
