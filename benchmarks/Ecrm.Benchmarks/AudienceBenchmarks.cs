using BenchmarkDotNet.Attributes;
using Ecrm.Campaigns;
using Ecrm.Consent;
using Ecrm.Storage.InMemory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ecrm.Benchmarks;

/// <summary>
/// Audience selection for a campaign over 1,000,000 customers: for every member, the first of three channels with
/// consent for marketing and an identity to reach them (consent statements, reachability and sends kept in memory by
/// the contact registry), the frequency cap across campaigns, and the hold-out draw. Customers: all with a phone, 60%
/// with an e-mail address, 30% WeChat followers; 50% opted in to e-mail marketing, 10% later withdrew, 20% opted in to
/// SMS; 25% were sent two campaign messages this week (capped). Target: under 1 s. Baseline: walking the member list
/// alone (a dictionary lookup per member).
/// </summary>
[BenchmarkCategory("campaigns")]
public class AudienceBenchmarks
{
    private const int Customers = 1_000_000;
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 6, 0, 0, TimeSpan.Zero); // 14:00 in Shanghai
    private ContactRegistry _contacts = null!;
    private List<string> _members = [];
    private CampaignDefinition _campaign = null!;
    private readonly CampaignOptions _options = new() { MaxMessagesPerWindow = 2 };
    private Dictionary<string, int> _lookup = [];

    [GlobalSetup]
    public void Setup()
    {
        var store = new InMemoryCustomerStore(new EcrmOptions());
        var services = new ServiceCollection().BuildServiceProvider();
        _contacts = new ContactRegistry(services, store, Options.Create(new ConsentOptions()), TimeProvider.System);
        _contacts.EnsureLoadedAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        var random = new Random(42);
        var batch = new List<AcceptedEvent>(10_000);
        for (var i = 0; i < Customers; i++)
        {
            var id = $"cus_{i:D7}";
            _members.Add(id);
            List<Identity> identities = [Identity.Phone($"+86139{i:D8}")];
            if (random.NextDouble() < 0.6)
            {
                identities.Add(Identity.Email($"c{i}@example.com"));
            }

            batch.Add(new AcceptedEvent(Event($"seen-{i}", EventChannel.Shop, EventType.Purchase, Now.AddDays(-30), identities), id));
            if (random.NextDouble() < 0.3)
            {
                batch.Add(new AcceptedEvent(Event($"follow-{i}", EventChannel.WeChat, EventType.Follow, Now.AddDays(-20), [Identity.WeChatOpenId("wxapp", $"o{i}")]), id));
            }

            if (random.NextDouble() < 0.5)
            {
                batch.Add(new AcceptedEvent(Consent($"c-email-{i}", "email", ConsentEvents.Given, Now.AddDays(-10), identities[0]), id));
                if (random.NextDouble() < 0.2)
                {
                    batch.Add(new AcceptedEvent(Consent($"w-email-{i}", "email", ConsentEvents.Withdrawn, Now.AddDays(-2), identities[0]), id));
                }
            }

            if (random.NextDouble() < 0.2)
            {
                batch.Add(new AcceptedEvent(Consent($"c-sms-{i}", "sms", ConsentEvents.Given, Now.AddDays(-10), identities[0]), id));
            }

            if (random.NextDouble() < 0.25)
            {
                for (var s = 0; s < 2; s++)
                {
                    batch.Add(new AcceptedEvent(new CustomerEvent
                    {
                        Id = $"sent-{i}-{s}",
                        Channel = EventChannel.FromName("campaign"),
                        Type = ContactRegistry.CampaignSentType,
                        OccurredAt = Now.AddDays(-1 - s),
                        Identities = [identities[0]],
                        Properties = new EventProperties { CampaignCode = $"earlier-{s}", Custom = new Dictionary<string, string> { ["purpose"] = "marketing" } },
                    }, id));
                }
            }

            if (batch.Count >= 10_000 || i == Customers - 1)
            {
                _contacts.OnCustomersChangedAsync(new CustomerChangeSet([], new Dictionary<string, string>()) { Events = batch }, CancellationToken.None).AsTask().GetAwaiter().GetResult();
                batch = new List<AcceptedEvent>(10_000);
            }
        }

        _lookup = _members.Select((m, i) => (m, i)).ToDictionary(p => p.m, p => p.i, StringComparer.Ordinal);
        _campaign = new CampaignDefinition
        {
            Code = "benchmark",
            Segment = "everyone",
            Channels = [EventChannel.WeChat, EventChannel.Email, EventChannel.Sms],
            Messages = [new CampaignMessage { Channel = EventChannel.WeChat, Text = "x" }, new CampaignMessage { Channel = EventChannel.Email, Text = "x" }, new CampaignMessage { Channel = EventChannel.Sms, Text = "x" }],
            HoldOut = 0.1,
        };
        var plan = CampaignPlanner.Plan(_campaign, _members, _contacts, _options, Now);
        Console.WriteLine("// " + string.Join(", ", plan.GroupBy(p => p.Channel?.Name ?? p.Suppression.ToString()).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count():N0}")));
    }

    [Benchmark(Baseline = true, Description = "Walk 1,000,000 members (one dictionary lookup each)")]
    public long Walk()
    {
        long sum = 0;
        foreach (var member in _members)
        {
            sum += _lookup[member];
        }

        return sum;
    }

    [Benchmark(Description = "Plan 1,000,000 members: channel by consent and reach, frequency cap, hold-out")]
    public int Plan() => CampaignPlanner.Plan(_campaign, _members, _contacts, _options, Now).Count(p => p.Channel is not null);

    private static CustomerEvent Event(string id, EventChannel channel, EventType type, DateTimeOffset at, IReadOnlyList<Identity> identities) => new()
    {
        Id = id,
        Channel = channel,
        Type = type,
        OccurredAt = at,
        Identities = identities,
    };

    private static CustomerEvent Consent(string id, string channel, EventType type, DateTimeOffset at, Identity identity) => new()
    {
        Id = id,
        Channel = EventChannel.Web,
        Type = type,
        OccurredAt = at,
        Identities = [identity],
        Properties = new EventProperties { Custom = new Dictionary<string, string> { ["channel"] = channel, ["purpose"] = "marketing" } },
    };
}
