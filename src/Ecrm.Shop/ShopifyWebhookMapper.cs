using System.Globalization;
using System.Text.Json;

namespace Ecrm.Shop;

/// <summary>
/// Shopify's order webhooks: <c>orders/create</c> and <c>orders/paid</c> become one purchase (the same event id, so the
/// second is a duplicate), <c>refunds/create</c> a refund attributed to the order's buyer; other topics are ignored.
/// Money values arrive as strings and are parsed invariantly; the buyer is identified by the shop's customer id (kind
/// <c>shop-buyer</c>, scoped to the shop domain), e-mail and phone, plus the identities a storefront records in the
/// order's <c>note_attributes</c> (cart attributes): <c>wechat_openid</c> (scoped to the official account given to the
/// constructor; a mall inside WeChat knows its buyer's openid), <c>wechat_unionid</c> and <c>member_card</c>. They link
/// the buyer to their WeChat follower and member card in the customer graph.
/// </summary>
public sealed class ShopifyWebhookMapper : IShopWebhookMapper
{
    private readonly string? _weChatAppId;

    /// <summary>Initializes the mapper.</summary>
    /// <param name="weChatAppId">The official account whose openids the storefront records as <c>wechat_openid</c>, or <see langword="null"/> to ignore them.</param>
    public ShopifyWebhookMapper(string? weChatAppId = null) => _weChatAppId = string.IsNullOrWhiteSpace(weChatAppId) ? null : weChatAppId;

    /// <summary>The event id of an order's purchase.</summary>
    /// <param name="shop">The shop domain.</param>
    /// <param name="orderId">The order id.</param>
    /// <returns>The id.</returns>
    public static string PurchaseId(string shop, string orderId) => $"shopify:{shop}:order:{orderId}";

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<CustomerEvent>?> MapAsync(string topic, string shop, JsonElement body, Func<string, CancellationToken, ValueTask<CustomerEvent?>> lookup, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        switch (topic)
        {
            case "orders/create" or "orders/paid":
                return [Purchase(shop, body)];
            case "refunds/create":
                var orderId = Id(body, "order_id");
                var order = await lookup(PurchaseId(shop, orderId), cancellationToken).ConfigureAwait(false);
                return order is null ? null : [Refund(shop, body, order)];
            default:
                return [];
        }
    }

    private void AddAttributeIdentities(JsonElement order, List<Identity> identities)
    {
        if (!order.TryGetProperty("note_attributes", out var attributes) || attributes.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var attribute in attributes.EnumerateArray())
        {
            if (attribute.ValueKind != JsonValueKind.Object || Text(attribute, "value") is not { Length: > 0 } value)
            {
                continue;
            }

            Identity? identity = Text(attribute, "name") switch
            {
                "wechat_openid" when _weChatAppId is not null => Identity.WeChatOpenId(_weChatAppId, value),
                "wechat_unionid" => Identity.WeChatUnionId(value),
                "member_card" => Identity.MemberCard(value),
                _ => null,
            };
            if (identity is { } found)
            {
                identities.Add(found);
            }
        }
    }

    private CustomerEvent Purchase(string shop, JsonElement order)
    {
        var id = Id(order, "id");
        var customer = order.TryGetProperty("customer", out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
        var identities = new List<Identity>();
        if (customer.ValueKind == JsonValueKind.Object && customer.TryGetProperty("id", out var cid) && cid.ValueKind is JsonValueKind.Number or JsonValueKind.String)
        {
            identities.Add(Identity.ShopBuyer(cid.ToString(), shop));
        }

        if ((Text(order, "email") ?? Text(customer, "email")) is { Length: > 0 } email)
        {
            identities.Add(Identity.Email(email));
        }

        if ((Text(order, "phone") ?? Text(customer, "phone")) is { Length: > 0 } phone)
        {
            identities.Add(Identity.Phone(phone));
        }

        AddAttributeIdentities(order, identities);
        if (identities.Count == 0)
        {
            throw new EcrmException($"Shopify order {id}: expected a customer id, e-mail or phone to attribute it, received none.");
        }

        var currency = Text(order, "currency");
        var name = string.Join(' ', new[] { Text(customer, "first_name"), Text(customer, "last_name") }.Where(n => !string.IsNullOrWhiteSpace(n)));
        var address = order.TryGetProperty("shipping_address", out var a) && a.ValueKind == JsonValueKind.Object ? a
            : order.TryGetProperty("billing_address", out var b) && b.ValueKind == JsonValueKind.Object ? b : default;
        return new CustomerEvent
        {
            Id = PurchaseId(shop, id),
            Channel = EventChannel.Shop,
            Type = EventType.Purchase,
            OccurredAt = Time(order, "processed_at") ?? Time(order, "created_at") ?? throw new EcrmException($"Shopify order {id}: expected created_at, received none."),
            Identities = identities,
            Profile = new ProfileAttributes
            {
                Name = name.Length == 0 ? null : name,
                City = Text(address, "city"),
                Region = Text(address, "province_code") ?? Text(address, "province"),
            },
            Properties = new EventProperties
            {
                Amount = Money(order, "total_price", $"Shopify order {id}"),
                Currency = currency,
                OrderId = Text(order, "name") is { } orderName ? $"{shop}/{orderName}" : $"{shop}/{id}",
                LineItems = order.TryGetProperty("line_items", out var items) && items.ValueKind == JsonValueKind.Array
                    ? [.. items.EnumerateArray().Select(item => new LineItem
                    {
                        Sku = Text(item, "sku") is { Length: > 0 } sku ? sku : item.TryGetProperty("variant_id", out var v) && v.ValueKind == JsonValueKind.Number ? v.ToString() : Id(item, "id"),
                        Name = Text(item, "title"),
                        Quantity = item.TryGetProperty("quantity", out var q) && q.TryGetInt32(out var n) ? n : 1,
                        UnitPrice = Money(item, "price", $"Shopify order {id} line item") ?? 0,
                    })]
                    : null,
            },
        };
    }

    private static CustomerEvent Refund(string shop, JsonElement refund, CustomerEvent order)
    {
        var id = Id(refund, "id");
        decimal amount = 0;
        if (refund.TryGetProperty("transactions", out var transactions) && transactions.ValueKind == JsonValueKind.Array)
        {
            foreach (var t in transactions.EnumerateArray())
            {
                if (Text(t, "kind") == "refund" && Text(t, "status") is null or "success")
                {
                    amount += Money(t, "amount", $"Shopify refund {id}") ?? 0;
                }
            }
        }

        return new CustomerEvent
        {
            Id = $"shopify:{shop}:refund:{id}",
            Channel = EventChannel.Shop,
            Type = EventType.Refund,
            OccurredAt = Time(refund, "created_at") ?? throw new EcrmException($"Shopify refund {id}: expected created_at, received none."),
            Identities = order.Identities,
            Properties = new EventProperties { Amount = amount, Currency = order.Properties?.Currency, OrderId = order.Properties?.OrderId, Text = Text(refund, "note") },
        };
    }

    private static string Id(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.Number or JsonValueKind.String && v.ToString().Length is > 0 and <= 64
            ? v.ToString()
            : throw new EcrmException($"Shopify webhook: expected field '{name}' (a number or string id), received {(e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var x) ? x.ValueKind.ToString().ToLowerInvariant() : "none")}.");

    private static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static DateTimeOffset? Time(JsonElement e, string name) =>
        Text(e, name) is { } s
            ? DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : throw new EcrmException($"Shopify webhook: expected '{name}' as an ISO-8601 time, received '{s}'.")
            : null;

    private static decimal? Money(JsonElement e, string name, string what)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var text = v.ValueKind == JsonValueKind.Number ? v.GetRawText() : v.GetString();
        return decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var d)
            ? d
            : throw new EcrmException($"{what}: expected '{name}' as a decimal amount, received '{text}'.");
    }
}
