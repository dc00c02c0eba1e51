using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Ecrm.Storage;
using Microsoft.Extensions.Options;

namespace Ecrm.Shop;

/// <summary>
/// Handles a shop's order webhook as a plain function of (method, headers, raw body), so any host can mount it:
/// checks the method and size, verifies <c>X-Shopify-Hmac-Sha256</c> = Base64(HMAC-SHA256(secret, raw body)) in constant
/// time against every configured secret, drops repeated deliveries (<c>X-Shopify-Webhook-Id</c>, then the graph's
/// idempotent event ids), parses the JSON defensively (depth and size limited), maps it and ingests the events. Every
/// failure is an answer with a status and a logged reason, never an exception.
/// </summary>
public sealed partial class ShopWebhookHandler
{
    private const string SignatureHeader = "X-Shopify-Hmac-Sha256";
    private readonly ICustomerGraph _graph;
    private readonly CustomerStore _store;
    private readonly ShopWebhookOptions _options;
    private readonly ILogger _logger;
    private readonly byte[][] _secrets;
    private readonly LinkedList<string> _order = new();
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Initializes the handler.</summary>
    /// <param name="graph">The customer graph events go to.</param>
    /// <param name="store">The graph's store, where repeated deliveries are recognised by their event ids.</param>
    /// <param name="options">The secrets, limits and mapper (validated here).</param>
    /// <param name="logger">The logger.</param>
    public ShopWebhookHandler(ICustomerGraph graph, CustomerStore store, IOptions<ShopWebhookOptions> options, ILogger<ShopWebhookHandler>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _graph = graph ?? throw new ArgumentNullException(nameof(graph));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _options = options.Value;
        _options.Validate();
        _secrets = [.. _options.Secrets.Select(Encoding.UTF8.GetBytes)];
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Handles one request.</summary>
    /// <param name="request">The request as received.</param>
    /// <param name="cancellationToken">A token to cancel the ingestion.</param>
    /// <returns>What to answer.</returns>
    public async ValueTask<ShopWebhookResponse> HandleAsync(ShopWebhookRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var answer = await HandleCoreAsync(request, cancellationToken).ConfigureAwait(false);
        if (answer.StatusCode >= 300)
        {
            Refused(_logger, answer.StatusCode, answer.Reason, request.Header("X-Shopify-Webhook-Id") ?? "(none)");
        }

        return answer;
    }

    /// <summary>Computes the signature a body must carry under a secret (for tests and for stubs that send webhooks).</summary>
    /// <param name="secret">The secret.</param>
    /// <param name="body">The raw body.</param>
    /// <returns>The Base64 HMAC-SHA256.</returns>
    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    private async ValueTask<ShopWebhookResponse> HandleCoreAsync(ShopWebhookRequest request, CancellationToken cancellationToken)
    {
        if (!string.Equals(request.Method, "POST", StringComparison.OrdinalIgnoreCase))
        {
            return ShopWebhookResponse.Of(405, $"expected POST, received {request.Method}");
        }

        if (request.Body.Length > _options.MaxBodyBytes)
        {
            return ShopWebhookResponse.Of(413, $"expected at most {_options.MaxBodyBytes} bytes, received {request.Body.Length}");
        }

        if (!Verified(request))
        {
            return ShopWebhookResponse.Of(401, "signature missing or not matching any configured secret");
        }

        var topic = request.Header("X-Shopify-Topic");
        var shop = request.Header("X-Shopify-Shop-Domain");
        if (string.IsNullOrWhiteSpace(topic) || string.IsNullOrWhiteSpace(shop) || shop.Length > 255)
        {
            return ShopWebhookResponse.Of(400, "expected X-Shopify-Topic and X-Shopify-Shop-Domain headers");
        }

        var delivery = request.Header("X-Shopify-Event-Id") ?? request.Header("X-Shopify-Webhook-Id");
        if (delivery is not null && Seen(delivery))
        {
            return ShopWebhookResponse.Of(200, "duplicate delivery");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(request.Body, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException ex)
        {
            Forget(delivery);
            return ShopWebhookResponse.Of(400, $"expected a JSON body, received malformed JSON ({ex.Message})");
        }

        using (document)
        {
            try
            {
                var events = await _options.Mapper.MapAsync(topic, shop.Trim().ToLowerInvariant(), document.RootElement, (id, ct) => _store.GetEventAsync(id, ct), cancellationToken).ConfigureAwait(false);
                if (events is null)
                {
                    Forget(delivery); // the platform retries; a later delivery may find what was missing
                    return ShopWebhookResponse.Of(422, $"{topic} cannot be mapped yet (its order is unknown)");
                }

                if (events.Count == 0)
                {
                    return ShopWebhookResponse.Of(200, $"topic {topic} is not used");
                }

                var results = await _graph.IngestBatchAsync(events, cancellationToken).ConfigureAwait(false);
                var rejected = results.Results.Where(r => r.Status == IngestStatus.Rejected).Select(r => r.Error?.Message ?? "rejected").FirstOrDefault();
                return rejected is null
                    ? new ShopWebhookResponse(200, $"{results.Accepted} accepted, {results.Duplicates} duplicates", results.Results)
                    : new ShopWebhookResponse(422, rejected, results.Results);
            }
            catch (EcrmException ex)
            {
                Forget(delivery);
                return ShopWebhookResponse.Of(422, ex.Message);
            }
        }
    }

    private bool Verified(ShopWebhookRequest request)
    {
        var header = request.Header(SignatureHeader);
        Span<byte> claimed = stackalloc byte[64];
        if (header is null || !Convert.TryFromBase64String(header.Trim(), claimed, out var length) || length != 32)
        {
            return false;
        }

        var verified = false;
        foreach (var secret in _secrets)
        {
            // Every secret is checked, in constant time, so the answer's timing says nothing about which one matched.
            verified |= CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(secret, request.Body), claimed[..length]);
        }

        return verified;
    }

    private bool Seen(string delivery)
    {
        lock (_gate)
        {
            if (!_seen.Add(delivery))
            {
                return true;
            }

            _order.AddLast(delivery);
            if (_order.Count > _options.RememberedDeliveries)
            {
                _seen.Remove(_order.First!.Value);
                _order.RemoveFirst();
            }

            return false;
        }
    }

    private void Forget(string? delivery)
    {
        if (delivery is null)
        {
            return;
        }

        lock (_gate)
        {
            if (_seen.Remove(delivery))
            {
                _order.Remove(delivery);
            }
        }
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Warning, Message = "Shop webhook refused with {Status}: {Reason} (delivery {Delivery})")]
    private static partial void Refused(ILogger logger, int status, string reason, string delivery);
}
