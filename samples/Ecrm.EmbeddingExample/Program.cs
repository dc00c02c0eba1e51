using Ecrm;
using Microsoft.Extensions.DependencyInjection;

var services = new ServiceCollection();
services.AddEcrm(o => o.DefaultPhoneRegion = "CN")      // options are validated at start
        .AddCustomerObserver<ConsoleObserver>();        // reacts to every changed customer
await using var provider = services.BuildServiceProvider();
var graph = provider.GetRequiredService<ICustomerGraph>();

await graph.IngestAsync(new CustomerEvent
{
    Id = "tmall-order-T1001",                           // idempotency id: replays change nothing
    Channel = EventChannel.Shop,
    Type = EventType.Purchase,
    OccurredAt = DateTimeOffset.Parse("2026-03-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
    Identities = [Identity.ShopBuyer("tb_li", "tmall"), Identity.Phone("138 0013 8000")],
    Profile = new ProfileAttributes { Name = "李伟", City = "上海" },
    Properties = new EventProperties { Amount = 299m, Currency = "CNY" },
});

var customer = await graph.FindAsync(Identity.Phone("+8613800138000"));
Console.WriteLine($"{customer!.Profile.Traits["name"].Value}: {customer.Profile.Counters.Orders} orders");

/// <summary>An observer: the hook segments, scores and alerts build on.</summary>
internal sealed class ConsoleObserver : ICustomerChangeObserver
{
    public ValueTask OnCustomersChangedAsync(CustomerChangeSet changes, CancellationToken cancellationToken)
    {
        Console.WriteLine($"changed: {string.Join(", ", changes.Changed)}");
        return ValueTask.CompletedTask;
    }
}
