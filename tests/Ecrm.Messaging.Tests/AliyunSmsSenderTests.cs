using Ecrm.ProviderStubs;

namespace Ecrm.Messaging.Tests;

/// <summary>Aliyun SendSms against the loopback stub (real HTTP on 127.0.0.1, signatures checked by the stub).</summary>
public sealed class AliyunSmsSenderTests : IAsyncLifetime
{
    private readonly AliyunSmsStub _stub = new();

    public Task InitializeAsync() => _stub.StartAsync();

    public async Task DisposeAsync() => await _stub.DisposeAsync();

    [Fact]
    public async Task Sends_SignedTemplate_WithOutId()
    {
        using var sender = SenderFixture.Sms(_stub);
        var receipt = await sender.SendAsync(SenderFixture.SmsMessage(1));
        Assert.Equal(SendStatus.Sent, receipt.Status);
        Assert.Equal(1, receipt.Attempts);
        Assert.EndsWith("^0", receipt.ProviderMessageId, StringComparison.Ordinal);
        Assert.Equal(1, _stub.Done["13900000001/sms-1"]);
    }

    [Fact]
    public async Task WrongSecret_FailsAtOnce_WithTheProviderCode()
    {
        using var sender = SenderFixture.Sms(_stub, secret: "wrongSecret");
        var receipt = await sender.SendAsync(SenderFixture.SmsMessage(2));
        Assert.Equal(SendStatus.Failed, receipt.Status);
        Assert.Equal(1, receipt.Attempts);
        Assert.StartsWith("SignatureDoesNotMatch", receipt.Error, StringComparison.Ordinal);
        Assert.Empty(_stub.Done);
    }

    [Fact]
    public async Task NonPhoneRecipient_IsATypedError()
    {
        using var sender = SenderFixture.Sms(_stub);
        var ex = await Assert.ThrowsAsync<MessageFormatException>(async () => await sender.SendAsync(SenderFixture.SmsMessage(3) with { Recipient = Identity.Email("a@example.com") }));
        Assert.Equal("Recipient", ex.Field);
        Assert.Equal(0, _stub.Requests);
    }

    [Fact]
    public async Task SameKey_IsSentOnce_EvenConcurrently()
    {
        using var sender = SenderFixture.Sms(_stub);
        var message = SenderFixture.SmsMessage(4);
        var receipts = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => sender.SendAsync(message).AsTask()));
        Assert.All(receipts, r => Assert.Equal(SendStatus.Sent, r.Status));
        Assert.Equal(1, _stub.Done["13900000004/sms-4"]);
        Assert.Equal(1, _stub.Requests);
        Assert.Equal(7, receipts.Count(r => r.Attempts == 0));
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public async Task ThirtyPercentFaults_EveryMessageExactlyOnce(int seed)
    {
        _stub.Faults = new FaultPlan(0.3, seed);
        _stub.HangFor = TimeSpan.FromSeconds(3);
        using var sender = SenderFixture.Sms(_stub);
        var messages = Enumerable.Range(100, 150).Select(SenderFixture.SmsMessage).ToArray();
        var receipts = await SenderFixture.SendAll(sender, messages);

        Assert.All(receipts, r => Assert.Equal(SendStatus.Sent, r.Status));
        foreach (var message in messages)
        {
            Assert.Equal(1, _stub.Done[$"{message.Recipient.Value[4..]}/{message.IdempotencyKey}"]);
        }

        // Every kind of fault happened, the lost answers included, and was absorbed.
        Assert.All(Enum.GetValues<FaultKind>(), kind => Assert.True(_stub.Faults.Injected.GetValueOrDefault(kind) > 0, kind.ToString()));
        Assert.True(_stub.Requests > messages.Length);
    }

    [Fact]
    public async Task LostAnswer_WithoutReconciliation_IsUnconfirmed_NotResent()
    {
        _stub.Faults = new FaultPlan(1.0, 1, FaultKind.LoseAnswer);
        _stub.QueryUnavailable = true;
        using var sender = SenderFixture.Sms(_stub);
        var receipt = await sender.SendAsync(SenderFixture.SmsMessage(5));
        Assert.Equal(SendStatus.Unconfirmed, receipt.Status);
        Assert.Equal(1, receipt.Attempts);
        Assert.Contains("reconciliation", receipt.Error, StringComparison.Ordinal);
        Assert.Equal(1, _stub.Done["13900000005/sms-5"]);

        // Asking again with the same key does not send again either.
        _stub.Faults = FaultPlan.None;
        var again = await sender.SendAsync(SenderFixture.SmsMessage(5));
        Assert.Equal(SendStatus.Unconfirmed, again.Status);
        Assert.Equal(0, again.Attempts);
        Assert.Equal(1, _stub.Done["13900000005/sms-5"]);
    }

    [Fact]
    public async Task Options_AreValidated_WithClearMessages()
    {
        var ex = Assert.Throws<EcrmException>(() => new Sms.AliyunSmsOptions { AccessKeyId = "a", AccessKeySecret = "b" }.Validate());
        Assert.Contains("SignName", ex.Message, StringComparison.Ordinal);
        var retries = Assert.Throws<EcrmException>(() => new Sms.AliyunSmsOptions { AccessKeyId = "a", AccessKeySecret = "b", SignName = "c", MaxRetries = 99 }.Validate());
        Assert.Contains("MaxRetries", retries.Message, StringComparison.Ordinal);
        await Task.CompletedTask;
    }
}
