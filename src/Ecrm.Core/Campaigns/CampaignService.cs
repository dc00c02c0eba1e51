using System.Globalization;
using Ecrm.Consent;
using Ecrm.Insights;
using Ecrm.Messaging;
using Ecrm.Recommendations;
using Ecrm.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ecrm.Campaigns;

/// <summary>The campaign engine (see <see cref="ICampaigns"/>).</summary>
internal sealed partial class CampaignService : ICampaigns, ICustomerChangeObserver, ISegmentMembershipObserver, IAsyncDisposable, IDisposable
{
    internal static readonly EventType SentType = ContactRegistry.CampaignSentType;
    internal static readonly EventType HeldOutType = ContactRegistry.CampaignHeldOutType;
    private readonly IServiceProvider _services;
    private readonly CustomerStore _store;
    private readonly ContactRegistry _contacts;
    private readonly CampaignOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<string, CampaignDefinition> _campaigns = new(StringComparer.Ordinal);
    private readonly Dictionary<EventChannel, IMessageSender> _senders = [];
    private readonly Dictionary<string, DateTimeOffset> _definedAt = new(StringComparer.Ordinal);
    private volatile CampaignDefinition[] _eventTriggered = [];
    private readonly Internal.BackgroundQueue<(string Code, string CustomerId)> _triggered;

    public CampaignService(IServiceProvider services, CustomerStore store, ContactRegistry contacts, IEnumerable<IMessageSender> senders, IOptions<CampaignOptions> options, TimeProvider time, ILogger<CampaignService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(senders);
        _services = services ?? throw new ArgumentNullException(nameof(services));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _contacts = contacts ?? throw new ArgumentNullException(nameof(contacts));
        _options = options.Value;
        _options.Validate();
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? (ILogger)NullLogger.Instance;
        foreach (var sender in senders)
        {
            _senders.TryAdd(sender.Channel, sender); // the first registered sender of a channel wins
        }

        _triggered = new(SendTriggeredAsync, ex => TriggerFailed(_logger, "(triggered)", ex));
    }

    public IReadOnlyList<CampaignDefinition> Campaigns
    {
        get
        {
            lock (_campaigns)
            {
                return [.. _campaigns.Values.OrderBy(c => c.Code, StringComparer.Ordinal)];
            }
        }
    }

    public void Define(CampaignDefinition campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        campaign.Validate();
        foreach (var channel in campaign.Channels.Where(c => !_senders.ContainsKey(c)))
        {
            throw new EcrmException($"Campaign {campaign.Code}: expected a sender for channel {channel} (AddAliyunSms, AddSendGrid, AddWeChatApi, ...), received none.");
        }

        lock (_campaigns)
        {
            _campaigns[campaign.Code] = campaign;
            _definedAt[campaign.Code] = campaign.Trigger?.At ?? _time.GetUtcNow();
            _eventTriggered = [.. _campaigns.Values.Where(c => c.Trigger is { Kind: not CampaignTriggerKind.Schedule }).OrderBy(c => c.Code, StringComparer.Ordinal)];
        }
    }

    public async ValueTask<CampaignRun> RunAsync(string code, CancellationToken cancellationToken = default)
    {
        var campaign = Find(code);
        if (campaign.Segment is null)
        {
            throw new EcrmException($"Campaign {code}: expected a Segment to run it for, received none (it sends on its trigger).");
        }

        var insights = _services.GetService<ICustomerInsights>()
            ?? throw new EcrmException($"Campaign {code}: expected segments (AddInsights) to select the audience, received none.");
        var members = await insights.GetMembersAsync(campaign.Segment, cancellationToken).ConfigureAwait(false);
        return await RunForAsync(campaign, members, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<CampaignRun>> RunDueAsync(CancellationToken cancellationToken = default)
    {
        var now = _time.GetUtcNow();
        var runs = new List<CampaignRun>();
        foreach (var campaign in Campaigns.Where(c => c.Trigger is { Kind: CampaignTriggerKind.Schedule, At: { } at } && at <= now))
        {
            runs.Add(await RunAsync(campaign.Code, cancellationToken).ConfigureAwait(false));
        }

        return runs;
    }

    public async ValueTask OnCustomersChangedAsync(CustomerChangeSet changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var triggered = _eventTriggered; // read on every ingestion: a snapshot kept by Define, nothing allocated when empty
        if (triggered.Length == 0 || changes.FromElsewhere) // the instance that made a change triggers its sends
        {
            return;
        }

        foreach (var campaign in triggered.Where(c => c.Trigger!.Kind == CampaignTriggerKind.AlertResolved))
        {
            foreach (var accepted in changes.Events.Where(a => a.Event.Type.Name == "alert-resolved" && a.Event.OccurredAt >= DefinedAt(campaign.Code)))
            {
                Enqueue(campaign.Code, accepted.CustomerId);
            }
        }

        var tiers = triggered.Where(c => c.Trigger!.Kind == CampaignTriggerKind.TierReached).ToList();
        if (tiers.Count > 0 && _services.GetService<ICustomerInsights>() is { } insights)
        {
            foreach (var customerId in changes.Changed)
            {
                var tier = (await insights.GetAsync(customerId, cancellationToken).ConfigureAwait(false))?.Loyalty.Tier;
                foreach (var campaign in tiers.Where(c => tier is not null && tier.Current == c.Trigger!.Tier && tier.Since >= DefinedAt(c.Code)))
                {
                    Enqueue(campaign.Code, customerId);
                }
            }
        }
    }

    public ValueTask OnMembershipChangedAsync(IReadOnlyList<SegmentMembershipChange> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var campaign in _eventTriggered.Where(c => c.Trigger!.Kind == CampaignTriggerKind.SegmentEntered))
        {
            var segment = campaign.Trigger!.Segment ?? campaign.Segment;
            foreach (var change in changes.Where(c => c.Entered && c.Segment == segment && c.At >= DefinedAt(campaign.Code)))
            {
                Enqueue(campaign.Code, change.CustomerId);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Completes when every triggered send queued so far was handled (for tests and orderly shutdown).</summary>
    internal Task WhenIdleAsync() => _triggered.WhenIdleAsync();

    public ValueTask DisposeAsync() => _triggered.DisposeAsync();

    public void Dispose() => _triggered.Dispose();

    private DateTimeOffset DefinedAt(string code)
    {
        lock (_campaigns)
        {
            return _definedAt.GetValueOrDefault(code);
        }
    }

    /// <summary>Queues a triggered send; a background worker sends it, so ingestion is not held up.</summary>
    private void Enqueue(string code, string customerId) => _triggered.Enqueue((code, customerId));

    private async Task SendTriggeredAsync(IReadOnlyList<(string Code, string CustomerId)> batch, CancellationToken cancellationToken)
    {
        foreach (var group in batch.GroupBy(b => b.Code, StringComparer.Ordinal))
        {
            try
            {
                var campaign = Find(group.Key);
                IReadOnlyList<string> customers = [.. group.Select(g => g.CustomerId).Distinct(StringComparer.Ordinal)];
                if (campaign.Segment is { } segment && _services.GetService<ICustomerInsights>() is { } insights)
                {
                    var members = (await insights.GetMembersAsync(segment, cancellationToken).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
                    customers = [.. customers.Where(members.Contains)];
                }

                await RunForAsync(campaign, customers, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                TriggerFailed(_logger, group.Key, ex);
            }
        }
    }

    private async Task<CampaignRun> RunForAsync(CampaignDefinition campaign, IReadOnlyList<string> members, CancellationToken cancellationToken)
    {
        var code = campaign.Code;
        var now = _time.GetUtcNow();
        await _contacts.EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
        var plan = CampaignPlanner.Plan(campaign, members, _contacts, _options, now);

        var suppressed = new Dictionary<Suppression, int>();
        foreach (var p in plan.Where(p => p.Suppression != Suppression.None))
        {
            suppressed[p.Suppression] = suppressed.GetValueOrDefault(p.Suppression) + 1;
        }

        // The hold-out group is recorded, so results survive restarts and later runs leave it alone.
        var graph = _services.GetRequiredService<ICustomerGraph>();
        foreach (var chunk in plan.Where(p => p.Suppression == Suppression.HoldOut).Chunk(1000))
        {
            var events = new List<CustomerEvent>();
            foreach (var p in chunk)
            {
                if (await _store.GetProfileAsync(p.CustomerId, cancellationToken).ConfigureAwait(false) is { Identities.Count: > 0 } profile)
                {
                    events.Add(Record(HeldOutType, campaign, profile.Id, profile.Identities[0].Identity, now, null, null));
                }
            }

            await graph.IngestBatchAsync(events, cancellationToken).ConfigureAwait(false);
        }

        var sent = new Dictionary<string, int>(StringComparer.Ordinal);
        int unconfirmed = 0, failed = 0;
        await Parallel.ForEachAsync(
            plan.Where(p => p.Suppression == Suppression.None),
            new ParallelOptions { MaxDegreeOfParallelism = _options.Parallelism, CancellationToken = cancellationToken },
            async (p, ct) =>
            {
                var receipt = await SendAsync(campaign, p.CustomerId, p.Channel!.Value, graph, ct).ConfigureAwait(false);
                lock (sent)
                {
                    switch (receipt?.Status)
                    {
                        case SendStatus.Sent:
                            sent[p.Channel!.Value.Name] = sent.GetValueOrDefault(p.Channel!.Value.Name) + 1;
                            break;
                        case SendStatus.Unconfirmed:
                            unconfirmed++;
                            break;
                        default:
                            failed++;
                            break;
                    }
                }
            }).ConfigureAwait(false);

        var run = new CampaignRun(code, now, members.Count, members.Count - plan.Count, suppressed, sent, unconfirmed, failed);
        Ran(_logger, code, run.Audience, sent.Values.Sum(), unconfirmed, failed, suppressed.Values.Sum());
        return run;
    }

    public async ValueTask<IReadOnlyList<CampaignMember>> GetMembersAsync(string code, CancellationToken cancellationToken = default)
    {
        _ = Find(code);
        await _contacts.EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
        return [.. _contacts.CampaignMembers(code).Select(m => new CampaignMember(m.CustomerId, m.HeldOut, m.At)).OrderBy(m => m.CustomerId, StringComparer.Ordinal)];
    }

    public async ValueTask<CampaignResults> GetResultsAsync(string code, CancellationToken cancellationToken = default)
    {
        var campaign = Find(code);
        await _contacts.EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
        int sent = 0, heldOut = 0, delivered = 0, opened = 0, clicked = 0, conversions = 0, controlConversions = 0;
        var revenue = 0m;
        foreach (var (customerId, isHeldOut, at) in _contacts.CampaignMembers(code))
        {
            var events = await _store.ReadAllAsync(customerId, cancellationToken).ConfigureAwait(false);
            var until = at + campaign.ConversionWindow;
            var purchases = events.Where(e => e.Type == EventType.Purchase && e.OccurredAt > at && e.OccurredAt <= until).ToList();
            if (isHeldOut)
            {
                heldOut++;
                controlConversions += purchases.Count > 0 ? 1 : 0;
                continue;
            }

            sent++;
            var reported = events.Any(e => e.Type == EventType.CampaignConverted && e.Properties?.CampaignCode == code && e.OccurredAt > at && e.OccurredAt <= until);
            conversions += purchases.Count > 0 || reported ? 1 : 0; // a purchase, or a conversion a channel reported (a coupon redeemed)
            revenue += purchases.Sum(e => e.Properties?.Amount ?? 0m);
            var mine = events.Where(e => e.Properties?.CampaignCode == code).ToList();
            var providerIds = mine.Where(e => e.Type == SentType).Select(e => e.Properties?.Custom?.GetValueOrDefault("provider-message-id")).OfType<string>().ToHashSet(StringComparer.Ordinal);
            delivered += mine.Any(e => e.Type == EventType.CampaignDelivered)
                || events.Any(e => e.Type == EventType.CampaignDelivered && e.Properties?.Custom?.GetValueOrDefault("template-msg-id") is { } msgId && providerIds.Contains(msgId))
                ? 1 : 0; // WeChat reports template deliveries by msgid, which the send recorded
            opened += mine.Any(e => e.Type == EventType.CampaignOpened) ? 1 : 0;
            clicked += mine.Any(e => e.Type == EventType.CampaignClicked) ? 1 : 0;
        }

        return new CampaignResults(code, sent, heldOut, delivered, opened, clicked, conversions, controlConversions, revenue, Uplift.Estimate(sent, conversions, heldOut, controlConversions));
    }

    internal static string Render(string template, IReadOnlyDictionary<string, string> values)
    {
        var text = template;
        foreach (var (name, value) in values)
        {
            text = text.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }

        return text;
    }

    private CampaignDefinition Find(string code)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        lock (_campaigns)
        {
            return _campaigns.TryGetValue(code, out var campaign) ? campaign : throw new EcrmException($"Campaign: expected a defined campaign, received '{code}'.");
        }
    }

    private async Task<SendReceipt?> SendAsync(CampaignDefinition campaign, string customerId, EventChannel channel, ICustomerGraph graph, CancellationToken cancellationToken)
    {
        // Consent may have changed since the plan: ask again, on the live state, right before sending.
        var decision = await _contacts.CheckAsync(customerId, channel, campaign.Purpose, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (!decision.Allowed)
        {
            return null;
        }

        var view = await graph.GetAsync(customerId, cancellationToken).ConfigureAwait(false);
        if (view is null || Recipient(view.Profile, channel) is not { } recipient)
        {
            return null;
        }

        var values = await ValuesAsync(campaign, view, cancellationToken).ConfigureAwait(false);
        var language = view.Profile.Traits.GetValueOrDefault("language")?.Value is { } lang && lang.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en" : "zh";
        var candidates = campaign.Messages.Where(m => m.Channel == channel).ToList();
        var template = candidates.FirstOrDefault(m => m.Language == language) ?? candidates[0];
        var message = new OutboundMessage
        {
            IdempotencyKey = $"{campaign.Code}:{view.Profile.Id}",
            Recipient = recipient,
            Purpose = campaign.Purpose,
            Subject = template.Subject is null ? null : Render(template.Subject, values),
            Text = template.Text is null ? null : Render(template.Text, values),
            Html = template.Html is null ? null : Render(template.Html, values),
            TemplateId = template.TemplateId,
            TemplateData = template.TemplateData?.ToDictionary(p => p.Key, p => Render(p.Value, values), StringComparer.Ordinal),
            Link = template.Link is null ? null : new Uri(Render(template.Link, values)),
            RecipientName = values.GetValueOrDefault("name"),
            CampaignCode = campaign.Code,
        };
        SendReceipt receipt;
        try
        {
            receipt = await _senders[channel].SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (MessageFormatException ex)
        {
            SendRefused(_logger, campaign.Code, view.Profile.Id, ex.Message);
            return null;
        }

        if (receipt.Status != SendStatus.Failed)
        {
            await graph.IngestAsync(Record(SentType, campaign, view.Profile.Id, recipient, receipt.CompletedAt, channel, receipt), cancellationToken).ConfigureAwait(false);
        }

        return receipt;
    }

    private async Task<Dictionary<string, string>> ValuesAsync(CampaignDefinition campaign, Customer360 view, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["name"] = view.Profile.Traits.GetValueOrDefault("name")?.Value ?? string.Empty,
            ["campaign"] = campaign.Code,
            ["tier"] = view.Insight?.Tier ?? string.Empty,
            ["points"] = view.Insight?.Points.ToString(CultureInfo.InvariantCulture) ?? "0",
            ["recommendation"] = string.Empty,
            ["reason"] = string.Empty,
        };
        var top = view.Recommendations is { Count: > 0 } shown
            ? shown[0]
            : _services.GetService<IRecommender>() is { } recommender
                ? (await recommender.RecommendAsync(view.Profile.Id, 1, cancellationToken).ConfigureAwait(false)).FirstOrDefault()
                : null;
        if (top is not null)
        {
            values["recommendation"] = top.Name ?? top.Sku;
            values["reason"] = top.Reason;
        }

        return values;
    }

    private Identity? Recipient(CustomerProfile profile, EventChannel channel)
    {
        var identities = profile.Identities.Select(i => i.Identity);
        return channel == EventChannel.Sms ? identities.FirstOrDefault(i => i.Kind == IdentityKind.Phone)
            : channel == EventChannel.Email ? identities.FirstOrDefault(i => i.Kind == IdentityKind.Email)
            : channel == EventChannel.WeChat ? identities.FirstOrDefault(i => i.Kind == IdentityKind.WeChatOpenId && (_options.WeChatAppId is null || i.Scope == _options.WeChatAppId))
            : null;
    }

    private static CustomerEvent Record(EventType type, CampaignDefinition campaign, string customerId, Identity identity, DateTimeOffset at, EventChannel? channel, SendReceipt? receipt)
    {
        var custom = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["campaign"] = campaign.Code,
            ["purpose"] = campaign.Purpose.ToString().ToLowerInvariant(),
        };
        if (channel is { } c)
        {
            custom["channel"] = c.Name;
        }

        if (receipt is not null)
        {
            custom["status"] = receipt.Status.ToString().ToLowerInvariant();
            custom["provider"] = receipt.Provider;
            if (receipt.ProviderMessageId is { } id)
            {
                custom["provider-message-id"] = id;
            }
        }

        return new CustomerEvent
        {
            Id = $"campaign:{campaign.Code}:{customerId}:{(type == HeldOutType ? "held-out" : "sent")}",
            Channel = EventChannel.FromName("campaign"),
            Type = type,
            OccurredAt = at,
            Identities = [identity],
            Properties = new EventProperties { CampaignCode = campaign.Code, Custom = custom },
        };
    }

    [LoggerMessage(EventId = 1601, Level = LogLevel.Information, Message = "Campaign {Code}: {Audience} in the audience, {Sent} sent, {Unconfirmed} unconfirmed, {Failed} failed, {Suppressed} suppressed or held out")]
    private static partial void Ran(ILogger logger, string code, int audience, int sent, int unconfirmed, int failed, int suppressed);

    [LoggerMessage(EventId = 1603, Level = LogLevel.Error, Message = "Campaign {Code}: triggered sends failed")]
    private static partial void TriggerFailed(ILogger logger, string code, Exception exception);

    [LoggerMessage(EventId = 1602, Level = LogLevel.Warning, Message = "Campaign {Code}: the message to {CustomerId} was refused before sending: {Reason}")]
    private static partial void SendRefused(ILogger logger, string code, string customerId, string reason);
}
