using System.Text.Json;

namespace Ecrm.Shop;

/// <summary>
/// Turns one platform's webhook into canonical events. <see cref="ShopifyWebhookMapper"/> ships; other platforms
/// (Taobao, Youzan, JD) plug in a class of their own through <see cref="ShopWebhookOptions.Mapper"/>.
/// </summary>
public interface IShopWebhookMapper
{
    /// <summary>Maps a verified webhook.</summary>
    /// <param name="topic">The topic (for Shopify the X-Shopify-Topic header, such as <c>orders/paid</c>).</param>
    /// <param name="shop">The shop the webhook comes from (X-Shopify-Shop-Domain).</param>
    /// <param name="body">The parsed body.</param>
    /// <param name="lookup">Finds an already ingested event by id (a refund finds its order).</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The events (empty for topics the CRM ignores), or null when the webhook cannot be mapped yet (such as a refund before its order), which asks the platform to retry.</returns>
    /// <exception cref="EcrmException">The body lacks a field the topic needs; the message names it.</exception>
    ValueTask<IReadOnlyList<CustomerEvent>?> MapAsync(string topic, string shop, JsonElement body, Func<string, CancellationToken, ValueTask<CustomerEvent?>> lookup, CancellationToken cancellationToken);
}
