using Ecrm.Insights;
using Ecrm.Loyalty;
using Ecrm.Segments;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Ecrm.Core.Tests.Insights;

/// <summary>The graph with the insights engine, a fake clock and a recording membership observer.</summary>
internal sealed class InsightsHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly ServiceProvider _provider;

    public InsightsHarness(Action<InsightsOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<ISegmentMembershipObserver>(Recorder);
        services.AddEcrm().AddInsights(o =>
        {
            o.Loyalty.Rules.Add(new LoyaltyRule { Name = "welcome", EventType = EventType.Follow, Points = 100, MaxPerLifetime = 1 });
            o.Loyalty.Rules.Add(new LoyaltyRule { Name = "spend", EventType = EventType.Purchase, PointsPerUnit = 1 });
            o.Loyalty.Tiers.Levels.Add(new TierLevel("silver", 0));
            o.Loyalty.Tiers.Levels.Add(new TierLevel("gold", 1000));
            o.Segments.Add(SegmentDefinition.Parse("gold-buyers", 1, "tier = \"gold\" and count(purchase, 30d) >= 2", "gold customers buying this month"));
            configure?.Invoke(o);
        });
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Graph = _provider.GetRequiredService<ICustomerGraph>();
        Insights = _provider.GetRequiredService<ICustomerInsights>();
        Loyalty = _provider.GetRequiredService<ILoyaltyProgram>();
        Engine = _provider.GetRequiredService<CustomerInsights>();
    }

    public FakeTimeProvider Clock { get; } = new(Now);

    public RecordingObserver Recorder { get; } = new();

    public ICustomerGraph Graph { get; }

    public Ecrm.Storage.CustomerStore Store => _provider.GetRequiredService<Ecrm.Storage.CustomerStore>();

    public ICustomerInsights Insights { get; }

    public ILoyaltyProgram Loyalty { get; }

    public CustomerInsights Engine { get; }

    public Ecrm.Privacy.ICustomerPrivacy Privacy => _provider.GetRequiredService<Ecrm.Privacy.ICustomerPrivacy>();

    public async ValueTask DisposeAsync() => await _provider.DisposeAsync();

    /// <summary>Moves the clock on and waits for the scheduled re-evaluation it triggered.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        Clock.Advance(by);
        await Engine.LastTick;
    }

    public static CustomerEvent Purchase(string id, int phone, DateTimeOffset at, decimal amount, string? category = null) => new()
    {
        Id = id,
        Channel = EventChannel.Shop,
        Type = EventType.Purchase,
        OccurredAt = at,
        Identities = [Identity.Phone($"+861380000{phone:0000}")],
        Properties = new EventProperties
        {
            Amount = amount,
            OrderId = "o-" + id,
            LineItems = category is null ? null : [new LineItem { Sku = "sku-" + id, Category = category, UnitPrice = amount }],
        },
    };

    internal sealed class RecordingObserver : ISegmentMembershipObserver
    {
        public List<SegmentMembershipChange> Changes { get; } = [];

        public ValueTask OnMembershipChangedAsync(IReadOnlyList<SegmentMembershipChange> changes, CancellationToken cancellationToken)
        {
            lock (Changes)
            {
                Changes.AddRange(changes);
            }

            return ValueTask.CompletedTask;
        }
    }
}
