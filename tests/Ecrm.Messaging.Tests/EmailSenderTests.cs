using Ecrm.ProviderStubs;

namespace Ecrm.Messaging.Tests;

/// <summary>SendGrid and Mailgun against loopback stubs that speak their formats.</summary>
public sealed class EmailSenderTests : IAsyncLifetime
{
    private readonly SendGridStub _sendGrid = new();
    private readonly MailgunStub _mailgun = new();

    public static TheoryData<string> Providers => new() { "sendgrid", "mailgun" };

    public async Task InitializeAsync()
    {
        await _sendGrid.StartAsync();
        await _mailgun.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _sendGrid.DisposeAsync();
        await _mailgun.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Sends_AndReportsTheProviderId(string provider)
    {
        var (stub, sender) = Create(provider);
        using var _ = (IDisposable)sender;
        var receipt = await sender.SendAsync(SenderFixture.EmailMessage(1));
        Assert.Equal(SendStatus.Sent, receipt.Status);
        Assert.Equal(provider, receipt.Provider);
        Assert.False(string.IsNullOrEmpty(receipt.ProviderMessageId));
        Assert.Equal(1, stub.Done["mail-1"]);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task DefinitiveFaults_ThirtyPercent_EveryMessageExactlyOnce(string provider)
    {
        var (stub, sender) = Create(provider);
        using var _ = (IDisposable)sender;
        stub.Faults = new FaultPlan(0.3, 7, FaultKind.ServerError, FaultKind.Throttled, FaultKind.Busy);
        var messages = Enumerable.Range(0, 150).Select(SenderFixture.EmailMessage).ToArray();
        var receipts = await SenderFixture.SendAll(sender, messages);
        Assert.All(receipts, r => Assert.Equal(SendStatus.Sent, r.Status));
        Assert.All(messages, m => Assert.Equal(1, stub.Done[m.IdempotencyKey]));
        Assert.True(stub.Requests > 150);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task AllFaults_ThirtyPercent_NeverTwice_AndUnconfirmedWhenTheAnswerIsLost(string provider)
    {
        var (stub, sender) = Create(provider);
        using var _ = (IDisposable)sender;
        stub.Faults = new FaultPlan(0.3, 8);
        stub.HangFor = TimeSpan.FromSeconds(3);
        var messages = Enumerable.Range(0, 150).Select(SenderFixture.EmailMessage).ToArray();
        var receipts = await SenderFixture.SendAll(sender, messages);
        foreach (var (message, receipt) in messages.Zip(receipts))
        {
            var delivered = stub.Done.GetValueOrDefault(message.IdempotencyKey);
            Assert.True(delivered <= 1, $"{message.IdempotencyKey} delivered {delivered} times");
            switch (receipt.Status)
            {
                case SendStatus.Sent:
                    Assert.Equal(1, delivered);
                    break;
                case SendStatus.Unconfirmed:
                    Assert.Contains("not repeated", receipt.Error, StringComparison.Ordinal);
                    break;
                default:
                    Assert.Fail($"{message.IdempotencyKey}: {receipt.Status} {receipt.Error}");
                    break;
            }
        }

        var lost = stub.Faults.Injected.GetValueOrDefault(FaultKind.Hang) + stub.Faults.Injected.GetValueOrDefault(FaultKind.LoseAnswer);
        Assert.Equal(lost, receipts.Count(r => r.Status == SendStatus.Unconfirmed));
        Assert.True(lost > 0);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Throttling_HonoursTheWait_AndGivesUpBeyondTheCap(string provider)
    {
        var (stub, sender) = Create(provider);
        using var _ = (IDisposable)sender;
        stub.Faults = new FaultPlan(1.0, 3, FaultKind.Throttled);
        var receipt = await sender.SendAsync(SenderFixture.EmailMessage(9));
        Assert.True(receipt.Status == SendStatus.Failed, receipt.ToString());
        Assert.Equal(13, receipt.Attempts); // 1 + MaxRetries, each waiting the 0 s the stub asked for
        Assert.Contains("429", receipt.Error, StringComparison.Ordinal);
        Assert.Empty(stub.Done);

        // A failed message was not sent, so the same key may be tried again and goes through.
        stub.Faults = FaultPlan.None;
        Assert.Equal(SendStatus.Sent, (await sender.SendAsync(SenderFixture.EmailMessage(9))).Status);
    }

    [Fact]
    public async Task BadKey_FailsAtOnce()
    {
        using var sender = SenderFixture.SendGrid(_sendGrid, key: "SG.wrong");
        var receipt = await sender.SendAsync(SenderFixture.EmailMessage(2));
        Assert.Equal(SendStatus.Failed, receipt.Status);
        Assert.Equal(1, receipt.Attempts);
        Assert.Contains("401", receipt.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateLimiter_SpacesRequests()
    {
        var options = StubResilience.Fast(new Email.SendGridOptions { ApiKey = SendGridStub.ApiKey, FromAddress = "a@example.com", Endpoint = new Uri(_sendGrid.BaseAddress, "v3/mail/send"), PermitsPerSecond = 20 });
        using var sender = new Email.SendGridEmailSender(SenderFixture.Clients, Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System);
        var started = System.Diagnostics.Stopwatch.StartNew();
        await SenderFixture.SendAll(sender, Enumerable.Range(0, 50).Select(SenderFixture.EmailMessage).ToArray());
        // 50 requests at 20 per second with a burst of 2: at least (50 - 2) / 20 = 2.4 s.
        Assert.True(started.Elapsed >= TimeSpan.FromSeconds(2.2), $"took {started.Elapsed}");
    }

    [Fact]
    public void EmailToAPhone_IsATypedError()
    {
        using var sender = SenderFixture.SendGrid(_sendGrid);
        var ex = Assert.Throws<MessageFormatException>(() => sender.SendAsync(SenderFixture.EmailMessage(1) with { Recipient = Identity.Phone("+8613900000001") }).AsTask().GetAwaiter().GetResult());
        Assert.Equal("Recipient", ex.Field);
    }

    private (ProviderStub Stub, IMessageSender Sender) Create(string provider) => provider == "sendgrid"
        ? (_sendGrid, SenderFixture.SendGrid(_sendGrid))
        : (_mailgun, SenderFixture.Mailgun(_mailgun));
}
