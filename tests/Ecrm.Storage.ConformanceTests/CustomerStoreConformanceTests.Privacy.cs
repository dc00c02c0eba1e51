using System.Text;
using System.Text.Json;
using Ecrm.Serialization;
using Xunit;
using static Ecrm.Storage.ConformanceTests.EventFactory;

namespace Ecrm.Storage.ConformanceTests;

/// <summary>Privacy rights every store must honour: export everything, erase so that nothing personal remains.</summary>
public abstract partial class CustomerStoreConformanceTests
{
    private const string Name = "王小明";
    private const string Secret = "我住在朝阳区幸福路88号";
    private static readonly EcrmJsonContext Readable = EcrmJsonContext.Readable; // so that a search sees Chinese text as text

    /// <summary>Ingests a person with every kind of personal data, and a second person who replies to and was referred by them.</summary>
    protected static async Task<(string Subject, string Other)> IngestPersonalDataAsync(ICustomerGraph graph)
    {
        await graph.IngestAsync(Event("p1", 0, EventType.Follow, Phone(1), Email(1), Weibo(1))
            .With(profile: new ProfileAttributes { Name = Name, City = "北京", BirthDate = new DateOnly(1990, 5, 1) }));
        await graph.IngestAsync(Event("p2", 1, EventType.Comment, Weibo(1)).With(properties: new EventProperties { Text = Secret, Location = new GeoLocation { Latitude = 39.9, Longitude = 116.4, Label = "幸福路" } }));
        await graph.IngestAsync(Event("p3", 2, EventType.Purchase, Phone(1)).With(properties: new EventProperties { Amount = 300m, Currency = "CNY", OrderId = "T13800000001" }));
        await graph.IngestAsync(Event("p4", 3, EventType.Refund, Phone(1)).With(properties: new EventProperties { Amount = 100m, Currency = "CNY", OrderId = "T13800000001" }));
        var other = await graph.IngestAsync(Event("o1", 4, EventType.Repost, Weibo(2)).With(properties: new EventProperties { TargetAuthor = Weibo(1), Referrer = Phone(1), Text = "转发" }));
        return ((await graph.ResolveAsync(Phone(1)))!, other.CustomerId!);
    }

    [Fact]
    public async Task Export_HoldsEverythingAboutTheCustomer()
    {
        await using var h = NewGraph();
        var (subject, _) = await IngestPersonalDataAsync(h.Graph);
        using var buffer = new MemoryStream();
        var export = await h.Privacy.ExportAsync(subject, buffer);

        Assert.Equal(subject, export.CustomerId);
        Assert.Equal(4, export.Events.Count);
        using var json = JsonDocument.Parse(buffer.ToArray());
        Assert.Equal("ecrm-customer-export/1", json.RootElement.GetProperty("format").GetString());
        var text = Encoding.UTF8.GetString(buffer.ToArray());
        Assert.Contains("+8613800000001", text, StringComparison.Ordinal);
        Assert.Contains("user1@example.com", text, StringComparison.Ordinal);
        Assert.Contains(Secret, text, StringComparison.Ordinal);
        await Assert.ThrowsAsync<EcrmException>(async () => await h.Privacy.ExportAsync("cus_unknown", Stream.Null));
    }

    [Fact]
    public async Task Erase_LeavesNoPersonalDataAnywhere_AndAuditsWithoutIt()
    {
        await using var h = NewGraph();
        var (subject, other) = await IngestPersonalDataAsync(h.Graph);
        var before = (await h.Graph.GetAsync(subject))!.Profile.Counters;
        var dumped = await DumpAsync(h);
        Assert.Contains(Name, dumped, StringComparison.Ordinal); // the search below would find them
        Assert.Contains(Secret, dumped, StringComparison.Ordinal);

        var record = await h.Privacy.EraseAsync(subject, "dpo@example.org", "PIPL art. 47 request 7");

        Assert.Null(await h.Graph.ResolveAsync(Phone(1)));
        Assert.Null(await h.Graph.ResolveAsync(Email(1)));
        Assert.Null(await h.Graph.ResolveAsync(Weibo(1)));
        var erased = (await h.Graph.GetAsync(subject))!;
        Assert.Equal(record.CustomerId, erased.Profile.Id);
        Assert.Equal("erased", Assert.Single(erased.Profile.Identities).Identity.Kind.Name);
        Assert.Equal(before.Orders, erased.Profile.Counters.Orders); // amounts stay for aggregates
        Assert.Equal(before.Money.Single().Net, erased.Profile.Counters.Money.Single().Net);
        var reposted = (await h.Store.GetEventAsync("o1"))!;
        Assert.Equal(record.Pseudonym, reposted.Properties!.TargetAuthor!.Value.ToString());
        Assert.Equal(record.Pseudonym, reposted.Properties.Referrer!.Value.ToString());
        Assert.Equal(reposted.Properties.TargetPostId, (await h.Store.GetEventAsync("o1"))!.Properties!.TargetPostId);
        Assert.NotNull(await h.Graph.GetAsync(other));

        var everything = await DumpAsync(h);
        foreach (var personal in new[] { "13800000001", "user1@example.com", Name, Secret, "1001", "T13800000001", "1990-05-01", "39.9" })
        {
            Assert.DoesNotContain(personal, everything, StringComparison.Ordinal);
        }

        var audit = Assert.Single(await h.Privacy.GetErasuresAsync());
        Assert.Equal(record, audit);
        Assert.Equal("dpo@example.org", audit.RequestedBy);
        Assert.Equal(3, audit.IdentitiesRemoved);
        Assert.Equal(5, audit.EventsRewritten);
        var auditJson = JsonSerializer.Serialize(audit);
        Assert.DoesNotContain("13800000001", auditJson, StringComparison.Ordinal);
        Assert.DoesNotContain("user1@example.com", auditJson, StringComparison.Ordinal);

        // A redelivery of an erased event does not bring the data back; the person coming back is a new customer.
        await Assert.ThrowsAsync<DuplicateEventConflictException>(async () => await h.Graph.IngestAsync(Event("p3", 2, EventType.Purchase, Phone(1)).With(properties: new EventProperties { Amount = 300m, Currency = "CNY", OrderId = "T13800000001" })));
        var returning = await h.Graph.IngestAsync(Event("p9", 9, EventType.Follow, Phone(1)));
        Assert.NotEqual(subject, returning.CustomerId);
        await Assert.ThrowsAsync<EcrmException>(async () => await h.Privacy.EraseAsync("cus_unknown", "dpo"));
        await Assert.ThrowsAsync<EcrmException>(async () => await h.Privacy.EraseAsync(subject, " "));
    }

    /// <summary>Everything a store returns through its API, as text: every customer's export and every event.</summary>
    protected static async Task<string> DumpAsync(GraphHarness h, params string[] eventIds)
    {
        var all = new StringBuilder();
        await foreach (var profile in h.Store.ScanCustomersAsync())
        {
            using var buffer = new MemoryStream();
            await h.Privacy.ExportAsync(profile.Id, buffer);
            all.Append(Encoding.UTF8.GetString(buffer.ToArray()));
            foreach (var relation in await h.Store.GetRelationsAsync(profile.Id))
            {
                all.Append(relation);
            }
        }

        foreach (var id in eventIds.Length > 0 ? eventIds : ["p1", "p2", "p3", "p4", "o1"])
        {
            all.Append(JsonSerializer.Serialize((await h.Store.GetEventAsync(id))!, Readable.CustomerEvent));
        }

        foreach (var conflict in await h.Store.GetConflictsAsync(null))
        {
            all.Append(conflict);
        }
        return all.ToString();
    }
}
