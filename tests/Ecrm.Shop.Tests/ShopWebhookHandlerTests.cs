using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Microsoft.Extensions.DependencyInjection;

namespace Ecrm.Shop.Tests;

/// <summary>Shopify-style webhooks: the official signature vector, verification, de-duplication, mapping, and fuzzing.</summary>
public sealed class ShopWebhookHandlerTests : IAsyncDisposable
{
    private const string Secret = "shpss_current_secret";
    private const string Shop = "qinghe.myshopify.com";
    private readonly ServiceProvider _provider;

    public ShopWebhookHandlerTests()
    {
        var services = new ServiceCollection();
        services.AddEcrm().AddShopWebhooks(o =>
        {
            o.Secrets.Add(Secret);
            o.Secrets.Add("shpss_previous_secret");
        });
        _provider = services.BuildServiceProvider();
        Handler = _provider.GetRequiredService<ShopWebhookHandler>();
        Graph = _provider.GetRequiredService<ICustomerGraph>();
    }

    private ShopWebhookHandler Handler { get; }

    private ICustomerGraph Graph { get; }

    public async ValueTask DisposeAsync() => await _provider.DisposeAsync();

    private const string Order = """
        {"id": 5847392847, "name": "#1042", "email": "john.smith@example.com", "phone": "+1-555-123-4567",
         "created_at": "2024-01-15T10:30:00-05:00", "processed_at": "2024-01-15T10:30:00-05:00",
         "currency": "USD", "total_price": "249.99", "financial_status": "paid",
         "customer": {"id": 1110987654321, "email": "john.smith@example.com", "first_name": "John", "last_name": "Smith"},
         "shipping_address": {"name": "John Smith", "city": "San Francisco", "province_code": "CA", "country_code": "US"},
         "line_items": [{"id": 13688971493691, "variant_id": 44000000000001, "sku": "VCE-SERUM-30", "title": "Vitamin C Serum", "quantity": 2, "price": "49.00"},
                        {"id": 13688971493692, "variant_id": 44000000000002, "sku": "", "title": "Gift wrap", "quantity": 1, "price": "5.00"}],
         "refunds": []}
        """;

    private const string RefundOfOrder = """
        {"id": 77001, "order_id": 5847392847, "created_at": "2024-01-20T09:00:00-05:00", "note": "damaged",
         "refund_line_items": [{"id": 1, "line_item_id": 13688971493691, "quantity": 1, "subtotal": "49.00"}],
         "transactions": [{"id": 9, "amount": "49.00", "kind": "refund", "status": "success"}, {"id": 10, "amount": "5.00", "kind": "refund", "status": "failure"}]}
        """;

    private static ShopWebhookRequest Request(string topic, string body, string? delivery = null, string secret = Secret, string method = "POST", string? signature = null)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var headers = new Dictionary<string, string>
        {
            ["x-shopify-topic"] = topic, // header names in any case
            ["X-Shopify-Shop-Domain"] = Shop,
            ["X-Shopify-Hmac-Sha256"] = signature ?? ShopWebhookHandler.Sign(secret, bytes),
            ["X-Shopify-Webhook-Id"] = delivery ?? Guid.NewGuid().ToString(),
        };
        return new ShopWebhookRequest(method, headers, bytes);
    }

    [Fact]
    public void Signature_MatchesTheDerivedTestVector() =>
        Assert.Equal("D0UMXmhjwBRi4y66TmhJrDlhQABD7zI2fm3p6/QLMo8=", ShopWebhookHandler.Sign("hush", """{"id":820982911946154508,"email":"jon@example.com"}"""u8));

    [Fact]
    public async Task AnOrder_BecomesAPurchaseWithItsBuyerAndItems()
    {
        var answer = await Handler.HandleAsync(Request("orders/create", Order));
        Assert.Equal(200, answer.StatusCode);
        var customer = (await Graph.FindAsync(Identity.Email("john.smith@example.com")))!;
        Assert.Equal("John Smith", customer.Profile.Traits["name"].Value);
        Assert.Contains(customer.Profile.Identities, i => i.Identity == Identity.ShopBuyer("1110987654321", Shop));
        Assert.Equal(customer.Profile.Id, await Graph.ResolveAsync(Identity.Phone("+1-555-123-4567")));
        var purchase = (await _provider.GetRequiredService<Ecrm.Storage.CustomerStore>().GetEventAsync($"shopify:{Shop}:order:5847392847"))!;
        Assert.Equal(249.99m, purchase.Properties!.Amount);
        Assert.Equal("USD", purchase.Properties.Currency);
        Assert.Equal(["VCE-SERUM-30", "44000000000002"], purchase.Properties.LineItems!.Select(l => l.Sku));
        Assert.Equal(2, purchase.Properties.LineItems![0].Quantity);
        Assert.Equal(new DateTimeOffset(2024, 1, 15, 15, 30, 0, TimeSpan.Zero), purchase.OccurredAt);
    }

    [Fact]
    public async Task RepeatedDeliveries_AndTheSameOrderUnderAnotherTopic_CountOnce()
    {
        Assert.Equal(200, (await Handler.HandleAsync(Request("orders/create", Order, delivery: "d-1"))).StatusCode);
        var again = await Handler.HandleAsync(Request("orders/create", Order, delivery: "d-1"));
        Assert.Equal((200, "duplicate delivery"), (again.StatusCode, again.Reason));
        var paid = await Handler.HandleAsync(Request("orders/paid", Order, delivery: "d-2"));
        Assert.Equal(200, paid.StatusCode);
        Assert.Equal(IngestStatus.Duplicate, Assert.Single(paid.Events).Status);
        Assert.Equal(1, (await Graph.GetStatisticsAsync()).Events);
    }

    [Fact]
    public async Task ARefundBeforeItsOrder_AsksForARetry_ThenJoinsTheBuyer()
    {
        var early = await Handler.HandleAsync(Request("refunds/create", RefundOfOrder, delivery: "r-1"));
        Assert.Equal(422, early.StatusCode);
        await Handler.HandleAsync(Request("orders/create", Order));
        var retried = await Handler.HandleAsync(Request("refunds/create", RefundOfOrder, delivery: "r-1"));
        Assert.Equal(200, retried.StatusCode);
        var refund = (await _provider.GetRequiredService<Ecrm.Storage.CustomerStore>().GetEventAsync($"shopify:{Shop}:refund:77001"))!;
        Assert.Equal(EventType.Refund, refund.Type);
        Assert.Equal(49m, refund.Properties!.Amount); // the failed transaction does not count
        var customer = (await Graph.FindAsync(Identity.Email("john.smith@example.com")))!;
        Assert.Equal(200.99m, customer.Profile.Counters.Money.Single().Net);
    }

    [Fact]
    public async Task ForgedTamperedAndRotatedSignatures()
    {
        Assert.Equal(401, (await Handler.HandleAsync(Request("orders/create", Order, signature: "bm90IGEgc2lnbmF0dXJl"))).StatusCode);
        Assert.Equal(401, (await Handler.HandleAsync(Request("orders/create", Order, signature: ShopWebhookHandler.Sign(Secret, Encoding.UTF8.GetBytes(Order + " "))))).StatusCode);
        Assert.Equal(401, (await Handler.HandleAsync(Request("orders/create", Order, secret: "someone-else"))).StatusCode);
        Assert.Equal(401, (await Handler.HandleAsync(Request("orders/create", Order, signature: "%%%"))).StatusCode);
        Assert.Equal(200, (await Handler.HandleAsync(Request("orders/create", Order, secret: "shpss_previous_secret"))).StatusCode);
    }

    [Theory]
    [InlineData("GET", "orders/create", "{}", 405)]
    [InlineData("POST", "orders/create", "{not json", 400)]
    [InlineData("POST", "orders/create", """{"id": 1, "created_at": "2024-01-15T10:30:00Z", "total_price": "1.00"}""", 422)]
    [InlineData("POST", "orders/create", """{"id": 1, "email": "a@b.cn", "created_at": "yesterday", "total_price": "1.00"}""", 422)]
    [InlineData("POST", "orders/create", """{"id": 1, "email": "a@b.cn", "created_at": "2024-01-15T10:30:00Z", "total_price": "lots"}""", 422)]
    [InlineData("POST", "customers/redact", """{"shop_id": 1}""", 200)]
    public async Task BadRequests_GetTheRightStatus(string method, string topic, string body, int status)
    {
        var answer = await Handler.HandleAsync(Request(topic, body, method: method));
        Assert.Equal(status, answer.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(answer.Reason));
    }

    [Fact]
    public async Task OversizedBodies_AreRefusedBeforeAnyParsing()
    {
        var huge = "{\"pad\":\"" + new string('x', 2 << 20) + "\"}";
        Assert.Equal(413, (await Handler.HandleAsync(Request("orders/create", huge))).StatusCode);
    }

    [Property(MaxTest = 300)]
    public Property SignedGarbageAndMutatedOrders_NeverThrow_AndNeverCrash() =>
        Prop.ForAll(
            Gen.OneOf(
                ArbMap.Default.GeneratorFor<string>().Where(s => s is not null),
                Gen.Choose(0, Order.Length - 1).SelectMany(i => Gen.Elements('"', '{', '}', ',', ':', '0', 'x', ' ').Select(c => Order[..i] + c + Order[(i + 1)..])))
                .ToArbitrary(),
            body =>
            {
                var answer = Handler.HandleAsync(Request(body.Length % 2 == 0 ? "orders/create" : "refunds/create", body)).AsTask().GetAwaiter().GetResult();
                return answer.StatusCode is 200 or 400 or 422;
            });
}
