using Ecrm.Answers;
using Ecrm.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace Ecrm.Core.Tests.Answers;

public sealed class AnswerTests
{
    internal static AnswerLibrary Library(int version = 1) => new(
    [
        new AnswerEntry
        {
            Id = "shipping-time",
            Intent = "shipping",
            Keywords = ["发货", "快递", "物流", "shipping", "delivery"],
            Questions = ["什么时候发货", "我的快递到哪了", "When will my order ship?"],
            Answers = new Dictionary<string, string> { ["zh"] = "下单后48小时内发货，顺丰配送。", ["en"] = "Orders ship within 48 hours by SF Express." },
        },
        new AnswerEntry
        {
            Id = "returns",
            Intent = "returns",
            Keywords = ["退货", "退款", "return", "refund"],
            Questions = ["怎么退货", "How do I return an item?"],
            Answers = new Dictionary<string, string> { ["zh"] = "收货后7天内可无理由退货。", ["en"] = "Returns are free within 7 days of delivery." },
        },
    ], version);

    [Theory]
    [InlineData("请问什么时候发货？", "shipping-time", "zh")]
    [InlineData("我的快递怎么还没到", "shipping-time", "zh")]
    [InlineData("When will my order ship", "shipping-time", "en")]
    [InlineData("I want a REFUND please", "returns", "en")]
    [InlineData("怎么退货呀", "returns", "zh")]
    public void Questions_FindTheirAnswer_InTheirLanguage(string question, string entry, string language)
    {
        var match = Library().Match(question);
        Assert.NotNull(match);
        Assert.Equal((entry, language), (match.Entry.Id, match.Language));
        Assert.Equal(match.Entry.Answers[language], match.Answer);
        Assert.Equal(1, match.LibraryVersion);
    }

    [Theory]
    [InlineData("你们的耳机音质怎么样")]
    [InlineData("Do you sell gift cards?")]
    [InlineData("   ")]
    [InlineData("shippingcontainer")] // a Latin keyword inside another word is not a match
    public void UnrelatedQuestions_AreNotAnswered(string question) => Assert.Null(Library().Match(question));

    [Fact]
    public void Library_RoundTripsThroughJson_AndRejectsBadEntries()
    {
        using var buffer = new MemoryStream();
        Library(3).Save(buffer);
        Assert.Contains("下单后48小时内发货", System.Text.Encoding.UTF8.GetString(buffer.ToArray()), StringComparison.Ordinal);
        buffer.Position = 0;
        var loaded = AnswerLibrary.Load(buffer);
        Assert.Equal((3, 2), (loaded.Version, loaded.Entries.Count));
        Assert.Equal("returns", loaded.Match("我要退款")!.Entry.Id);
        Assert.Contains("unique id", Assert.Throws<EcrmException>(() => new AnswerLibrary([Library().Entries[0], Library().Entries[0]])).Message, StringComparison.Ordinal);
        Assert.Contains("malformed", Assert.Throws<EcrmException>(() => AnswerLibrary.Load(new MemoryStream("{\"entries\":["u8.ToArray()))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Service_LogsUnmatched_PublishesNewerVersions_AndAnswersEmailsOnce()
    {
        var sender = new Campaigns.CampaignHarness.RecordingSender(EventChannel.Email, TimeProvider.System, null);
        var services = new ServiceCollection();
        services.AddSingleton<IMessageSender>(sender);
        services.AddEcrm().AddAnswers(o => o.Library = Library());
        await using var provider = services.BuildServiceProvider();
        var answers = provider.GetRequiredService<IAnswers>();
        var graph = provider.GetRequiredService<ICustomerGraph>();

        Assert.Null(answers.Find("你们的耳机音质怎么样", EventChannel.WeChat));
        Assert.Null(answers.Find("你们的耳机音质怎么样 ", EventChannel.Email));
        var unmatched = Assert.Single(answers.GetUnmatched());
        Assert.Equal(2, unmatched.Count);
        Assert.Equal(["email", "wechat"], unmatched.Channels);

        Assert.Throws<EcrmException>(() => answers.Publish(Library(1)));
        answers.Publish(Library(2));
        Assert.Equal(2, answers.Find("怎么退货")!.LibraryVersion);

        var question = new CustomerEvent
        {
            Id = "mail-question-1",
            Channel = EventChannel.Email,
            Type = EventType.Message,
            OccurredAt = DateTimeOffset.UtcNow.AddMinutes(-1),
            Identities = [Identity.Email("buyer@example.com")],
            Properties = new EventProperties { Text = "When will my order ship? It has been three days." },
        };
        await graph.IngestAsync(question);
        await graph.IngestAsync(question); // a replay: not answered again
        await provider.GetRequiredService<AnswersService>().WhenIdleAsync(); // answered in the background
        var (reply, _, _) = Assert.Single(sender.Log);
        Assert.Equal(("Orders ship within 48 hours by SF Express.", MessagePurpose.Service), (reply.Text, reply.Purpose));
        Assert.StartsWith("Re: When will my order ship?", reply.Subject, StringComparison.Ordinal);
        Assert.Equal(Identity.Email("buyer@example.com"), reply.Recipient);
    }
}
