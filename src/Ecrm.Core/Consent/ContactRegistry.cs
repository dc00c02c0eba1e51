using System.Globalization;
using Ecrm.Insights;
using Ecrm.Messaging;
using Ecrm.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ecrm.Consent;

/// <summary>
/// Keeps every customer's contact state from the events it observes (rebuilt from the store on first use), so checks
/// are in-memory lookups: the latest consent statement per channel and purpose (applied by event time whatever order
/// they arrive in; at equal times an opt-out beats an opt-in), the channels the customer can be reached on (a phone,
/// an e-mail address, a WeChat openid seen), and the marketing and survey messages sent to them (for frequency caps).
/// Merged customers keep the state of both.
/// </summary>
internal sealed class ContactRegistry : IConsentRegistry, ICustomerChangeObserver, IDisposable
{
    internal const string AllChannels = "*";

    /// <summary>The event a campaign records for each message it sends.</summary>
    internal static readonly EventType CampaignSentType = EventType.FromName("campaign-sent");

    /// <summary>The event a campaign records for each member it holds out.</summary>
    internal static readonly EventType CampaignHeldOutType = EventType.FromName("campaign-held-out");
    private readonly IServiceProvider _services;
    private readonly CustomerStore _store;
    private readonly ConsentOptions _options;
    private readonly TimeProvider _time;
    private readonly TimeZoneInfo _defaultZone;
    private readonly StoreReplay _replay;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, State> _customers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TimeZoneInfo?> _zones = new(StringComparer.Ordinal);
    private readonly Dictionary<(string? Zone, long Ticks), bool> _quiet = [];

    public ContactRegistry(IServiceProvider services, CustomerStore store, IOptions<ConsentOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _services = services ?? throw new ArgumentNullException(nameof(services));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _replay = new StoreReplay(store);
        _options = options.Value;
        _options.Validate();
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _defaultZone = TimeZoneInfo.FindSystemTimeZoneById(_options.DefaultTimeZone);
    }

    public ConsentOptions Options => _options;

    public async ValueTask<ConsentDecision> CheckAsync(string customerId, EventChannel channel, MessagePurpose purpose, DateTimeOffset? at = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        await EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
        var id = await _store.ResolveIdAsync(customerId, cancellationToken).ConfigureAwait(false) ?? customerId;
        return Check(id, channel, purpose, at ?? _time.GetUtcNow());
    }

    public async ValueTask<IReadOnlyList<ConsentRecord>> GetAsync(string customerId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        await EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
        var id = await _store.ResolveIdAsync(customerId, cancellationToken).ConfigureAwait(false) ?? customerId;
        lock (_gate)
        {
            return _customers.TryGetValue(id, out var state)
                ? [.. state.Entries.Where(e => e.Key.Channel != AllChannels).Select(e => new ConsentRecord(EventChannel.FromName(e.Key.Channel), e.Key.Purpose, e.Value.Status, e.Value.At, e.Value.Source))
                    .Concat(state.Entries.Where(e => e.Key.Channel == AllChannels).Select(e => new ConsentRecord(EventChannel.FromName("all"), e.Key.Purpose, e.Value.Status, e.Value.At, e.Value.Source)))
                    .OrderBy(r => r.Channel.Name, StringComparer.Ordinal).ThenBy(r => r.Purpose)]
                : [];
        }
    }

    public async ValueTask<string> RecordAsync(string customerId, EventChannel? channel, MessagePurpose? purpose, bool granted, string source, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        var profile = await _store.GetProfileAsync(customerId, cancellationToken).ConfigureAwait(false);
        if (profile is null || profile.Identities.Count == 0)
        {
            throw new EcrmException($"Consent: expected an existing customer, received '{customerId}'.");
        }

        var now = _time.GetUtcNow();
        var channelName = channel?.Name ?? ConsentEvents.AllChannels;
        var purposeName = purpose?.ToString().ToLowerInvariant() ?? "all";
        var id = $"consent:{profile.Id}:{channelName}:{purposeName}:{(granted ? "given" : "withdrawn")}:{now.UtcTicks.ToString(CultureInfo.InvariantCulture)}";
        await _services.GetRequiredService<ICustomerGraph>().IngestAsync(
            new CustomerEvent
            {
                Id = id,
                Channel = channel ?? EventChannel.FromName("preference-centre"),
                Type = granted ? ConsentEvents.Given : ConsentEvents.Withdrawn,
                OccurredAt = now,
                Identities = [profile.Identities[0].Identity],
                Properties = new EventProperties { Custom = new Dictionary<string, string> { ["channel"] = channelName, ["purpose"] = purposeName, ["source"] = source } },
            },
            cancellationToken).ConfigureAwait(false);
        return id;
    }

    public ValueTask OnCustomersChangedAsync(CustomerChangeSet changes, CancellationToken cancellationToken) =>
        _replay.ApplyAsync(changes, _gate, _customers, Absorb, Apply, cancellationToken);

    /// <summary>Folds a merged-away customer's contact state into the survivor's; the caller holds the lock.</summary>
    private void Absorb(State absorbed, string survivor)
    {
        var target = Get(survivor);
        foreach (var (key, entry) in absorbed.Entries)
        {
            target.Apply(key, entry);
        }

        target.ApplyZone(absorbed.Zone, absorbed.ZoneAt);
        target.Reach |= absorbed.Reach;
        foreach (var (at, id) in absorbed.Sends)
        {
            target.AddSend(at, id);
        }

        foreach (var (code, (heldOut, at)) in absorbed.Campaigns ?? [])
        {
            target.AddCampaign(code, heldOut, at);
        }
    }

    /// <summary>The decision on loaded state, in words; <paramref name="customerId"/> must be current.</summary>
    internal ConsentDecision Check(string customerId, EventChannel channel, MessagePurpose purpose, DateTimeOffset at)
    {
        Verdict verdict;
        lock (_gate)
        {
            verdict = Decide(_customers.GetValueOrDefault(customerId), channel, purpose, at);
        }

        if (verdict.Status == ConsentStatus.Withdrawn)
        {
            return new ConsentDecision(false, verdict.Status, $"withdrawn {verdict.Winner!.Value.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC ({verdict.Winner.Value.Source})");
        }

        if (!verdict.Allowed && !verdict.Quiet)
        {
            return new ConsentDecision(false, verdict.Status, $"no opt-in to {purpose.ToString().ToLowerInvariant()} on {channel}");
        }

        if (verdict.Quiet)
        {
            var tz = Zone(verdict.Zone);
            var local = TimeZoneInfo.ConvertTime(at, tz);
            var end = _options.QuietHours!.EndAfter(local.DateTime);
            var notBefore = new DateTimeOffset(end, tz.GetUtcOffset(end));
            return new ConsentDecision(false, verdict.Status, $"quiet hours in {tz.Id} until {end.ToString("HH:mm", CultureInfo.InvariantCulture)}", notBefore);
        }

        return new ConsentDecision(true, verdict.Status, verdict.Status == ConsentStatus.Granted ? "opted in" : "no opt-in needed");
    }

    /// <summary>
    /// What a campaign run needs to know of one member, under one lock and without allocating: whether the campaign
    /// already handled them, the first channel (in order) with consent and reach, whether any channel had consent or
    /// was only held back by quiet hours, and how many marketing messages they got since <paramref name="capSince"/>.
    /// </summary>
    internal ContactFacts Facts(string customerId, IReadOnlyList<EventChannel> channels, MessagePurpose purpose, DateTimeOffset at, string campaign, DateTimeOffset capSince)
    {
        lock (_gate)
        {
            var state = _customers.GetValueOrDefault(customerId);
            if (state?.Campaigns?.ContainsKey(campaign) == true)
            {
                return new ContactFacts(true, null, false, false, 0);
            }

            EventChannel? chosen = null;
            bool consented = false, quiet = false;
            foreach (var channel in channels)
            {
                var verdict = Decide(state, channel, purpose, at);
                if (!verdict.Allowed)
                {
                    quiet |= verdict.Quiet;
                    continue;
                }

                consented = true;
                if (state is not null && (state.Reach & ReachOf(channel)) != 0)
                {
                    chosen = channel;
                    break;
                }
            }

            var sent = 0;
            if (state is not null)
            {
                foreach (var (sentAt, _) in state.Sends)
                {
                    sent += sentAt >= capSince ? 1 : 0;
                }
            }

            return new ContactFacts(false, chosen, consented, quiet, sent);
        }
    }

    /// <summary>The consent verdict; the caller holds the lock.</summary>
    private Verdict Decide(State? state, EventChannel channel, MessagePurpose purpose, DateTimeOffset at)
    {
        Entry? winner = null;
        string? zone = null;
        if (state is not null)
        {
            if (state.Entries.TryGetValue((channel.Name, purpose), out var specific))
            {
                winner = specific;
            }

            if (state.Entries.TryGetValue((AllChannels, purpose), out var general) && (winner is null || general.Beats(winner.Value)))
            {
                winner = general;
            }

            zone = state.Zone;
        }

        var status = winner?.Status ?? ConsentStatus.Unknown;
        if (status == ConsentStatus.Withdrawn || (status == ConsentStatus.Unknown && _options.RequireOptIn.Contains(purpose)))
        {
            return new Verdict(false, status, false, winner, zone);
        }

        return purpose != MessagePurpose.Service && QuietAt(zone, at) ? new Verdict(false, status, true, winner, zone) : new Verdict(true, status, false, winner, zone);
    }

    /// <summary>Whether it is quiet hours in a time zone at a time (cached per zone and time; the caller holds the lock).</summary>
    private bool QuietAt(string? zone, DateTimeOffset at)
    {
        if (_options.QuietHours is not { } quiet)
        {
            return false;
        }

        var key = (zone, at.UtcTicks);
        if (!_quiet.TryGetValue(key, out var answer))
        {
            if (_quiet.Count > 4096)
            {
                _quiet.Clear();
            }

            var local = TimeZoneInfo.ConvertTime(at, Zone(zone));
            _quiet[key] = answer = quiet.Contains(TimeOnly.FromDateTime(local.DateTime));
        }

        return answer;
    }

    private static Reach ReachOf(EventChannel channel) =>
        channel == EventChannel.Sms ? Reach.Sms : channel == EventChannel.Email ? Reach.Email : channel == EventChannel.WeChat ? Reach.WeChat : Reach.None;

    public void Dispose() => _replay.Dispose();

    internal ValueTask EnsureLoadedAsync(CancellationToken cancellationToken) => _replay.EnsureAsync(_gate, Apply, cancellationToken);

    private void Apply(CustomerEvent e, string customerId)
    {
        var reach = Reach.None;
        foreach (var identity in e.Identities)
        {
            reach |= identity.Kind == IdentityKind.Phone ? Reach.Sms
                : identity.Kind == IdentityKind.Email ? Reach.Email
                : identity.Kind == IdentityKind.WeChatOpenId ? Reach.WeChat
                : Reach.None;
        }

        if (reach != Reach.None)
        {
            Get(customerId).Reach |= reach;
        }

        if (e.Type == CampaignSentType && e.Properties?.Custom?.GetValueOrDefault("purpose") is "marketing" or "survey")
        {
            Get(customerId).AddSend(e.OccurredAt, e.Id);
        }

        if ((e.Type == CampaignSentType || e.Type == CampaignHeldOutType) && e.Properties?.CampaignCode is { Length: > 0 } code)
        {
            Get(customerId).AddCampaign(code, e.Type == CampaignHeldOutType, e.OccurredAt);
        }

        if (e.Profile?.Custom?.GetValueOrDefault("time-zone") is { Length: > 0 } zone)
        {
            Get(customerId).ApplyZone(zone, e.OccurredAt);
        }

        foreach (var (channel, purpose, status) in ConsentEvents.Read(e, _options))
        {
            Get(customerId).Apply((channel?.Name ?? AllChannels, purpose), new Entry(status, e.OccurredAt, e.Id));
        }
    }

    private State Get(string customerId)
    {
        if (!_customers.TryGetValue(customerId, out var state))
        {
            _customers[customerId] = state = new State();
        }

        return state;
    }

    private TimeZoneInfo Zone(string? id)
    {
        if (id is null)
        {
            return _defaultZone;
        }

        lock (_zones)
        {
            if (!_zones.TryGetValue(id, out var zone))
            {
                _zones[id] = zone = TimeZoneInfo.TryFindSystemTimeZoneById(id, out var found) ? found : null;
            }

            return zone ?? _defaultZone;
        }
    }

    /// <summary>The customers a campaign sent to or held out, with when.</summary>
    internal List<(string CustomerId, bool HeldOut, DateTimeOffset At)> CampaignMembers(string code)
    {
        lock (_gate)
        {
            var members = new List<(string, bool, DateTimeOffset)>();
            foreach (var (id, state) in _customers)
            {
                if (state.Campaigns?.TryGetValue(code, out var entry) == true)
                {
                    members.Add((id, entry.HeldOut, entry.At));
                }
            }

            return members;
        }
    }

    [Flags]
    private enum Reach
    {
        None = 0,
        Sms = 1,
        Email = 2,
        WeChat = 4,
    }

    /// <summary>A consent verdict without words.</summary>
    private readonly record struct Verdict(bool Allowed, ConsentStatus Status, bool Quiet, Entry? Winner, string? Zone);

    private readonly record struct Entry(ConsentStatus Status, DateTimeOffset At, string Source)
    {
        /// <summary>Later wins; at the same time an opt-out wins; then the smaller source id, so any order gives one answer.</summary>
        public bool Beats(Entry other) =>
            At != other.At ? At > other.At
            : Status != other.Status ? Status == ConsentStatus.Withdrawn
            : string.CompareOrdinal(Source, other.Source) < 0;
    }

    private sealed class State
    {
        private static readonly Dictionary<(string Channel, MessagePurpose Purpose), Entry> NoEntries = [];
        private Dictionary<(string Channel, MessagePurpose Purpose), Entry>? _entries;

        /// <summary>Gets the statements; most customers never make one, so the dictionary is created with the first.</summary>
        public IReadOnlyDictionary<(string Channel, MessagePurpose Purpose), Entry> Entries => _entries ?? NoEntries;

        public string? Zone { get; private set; }

        public Reach Reach { get; set; }

        public List<(DateTimeOffset At, string Id)> Sends { get; } = [];

        public Dictionary<string, (bool HeldOut, DateTimeOffset At)>? Campaigns { get; private set; }

        public void AddCampaign(string code, bool heldOut, DateTimeOffset at)
        {
            Campaigns ??= new(StringComparer.Ordinal);
            if (!Campaigns.TryGetValue(code, out var current) || at < current.At)
            {
                Campaigns[code] = (heldOut, at);
            }
        }

        public void AddSend(DateTimeOffset at, string id)
        {
            if (!Sends.Exists(s => s.Id == id))
            {
                Sends.Add((at, id));
            }
        }

        public DateTimeOffset ZoneAt { get; private set; }

        public void Apply((string Channel, MessagePurpose Purpose) key, Entry entry)
        {
            _entries ??= [];
            if (!_entries.TryGetValue(key, out var current) || entry.Beats(current))
            {
                _entries[key] = entry;
            }
        }

        public void ApplyZone(string? zone, DateTimeOffset at)
        {
            if (zone is not null && (Zone is null || at > ZoneAt || (at == ZoneAt && string.CompareOrdinal(zone, Zone) < 0)))
            {
                (Zone, ZoneAt) = (zone, at);
            }
        }
    }
}
