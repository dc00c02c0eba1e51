using System.Diagnostics.Metrics;
using Ecrm.Storage;
using Ecrm.Storage.ConformanceTests;
using Ecrm.Storage.InMemory;
using Ecrm.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Ecrm.Storage.ConformanceTests.EventFactory;

namespace Ecrm.Core.Tests.DependencyInjection;

public sealed class AddEcrmTests
{
    [Fact]
    public void AddEcrm_Defaults_ResolveGraphOnInMemoryStore()
    {
        using var provider = new ServiceCollection().AddEcrm().Services.BuildServiceProvider(validateScopes: true);
        Assert.NotNull(provider.GetRequiredService<ICustomerGraph>());
        Assert.Equal("memory", provider.GetRequiredService<CustomerStore>().Metadata.ProviderName);
        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void AddEcrm_CalledTwice_RegistersOnceAndKeepsBothConfigurations()
    {
        var services = new ServiceCollection();
        services.AddEcrm(o => o.DefaultPhoneRegion = "US");
        var count = services.Count;
        services.AddEcrm(o => o.DefaultCurrency = "USD");
        Assert.Equal(count + 1, services.Count); // only the second Configure call was added
        using var provider = services.BuildServiceProvider();
        var options = provider.GetRequiredService<IOptions<EcrmOptions>>().Value;
        Assert.Equal(("US", "USD"), (options.DefaultPhoneRegion, options.DefaultCurrency));
        Assert.Single(provider.GetServices<ICustomerGraph>());
    }

    [Fact]
    public void AddEcrm_InvalidOptions_FailWithMessagesNamingEachOption()
    {
        using var provider = new ServiceCollection()
            .AddEcrm(o =>
            {
                o.DefaultPhoneRegion = "XX";
                o.DefaultCurrency = "rmb";
                o.MaxIdentitiesPerEvent = 0;
                o.IdentityKinds["Bad Kind"] = new IdentityKindOptions();
            })
            .Services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<ICustomerGraph>());
        Assert.Contains(ex.Failures, f => f.StartsWith("EcrmOptions.DefaultPhoneRegion", StringComparison.Ordinal) && f.Contains("'XX'", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("EcrmOptions.DefaultCurrency", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("EcrmOptions.MaxIdentitiesPerEvent", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.StartsWith("EcrmOptions.IdentityKinds['Bad Kind']", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UseStore_ReplacesTheDefaultStore()
    {
        var custom = new InMemoryCustomerStore(new EcrmOptions());
        await using var provider = new ServiceCollection().AddEcrm().UseStore(_ => custom).Services.BuildServiceProvider();
        await provider.GetRequiredService<ICustomerGraph>().IngestAsync(Event("e1", 0, EventType.Follow, Phone(1)));
        Assert.NotNull(await custom.GetEventAsync("e1")); // the graph writes to the custom store
        Assert.Same(custom, Assert.Single(provider.GetServices<CustomerStore>()));
    }

    [Fact]
    public async Task Observers_AreCalledWithChanges_AndAFailingOneDoesNotFailIngestion()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(GraphHarness.Now));
        services.AddEcrm().AddCustomerObserver<FailingObserver>().AddCustomerObserver<RecordingObserver>();
        await using var provider = services.BuildServiceProvider();
        var graph = provider.GetRequiredService<ICustomerGraph>();

        var a = await graph.IngestAsync(Event("a", 0, EventType.Follow, Phone(1)));
        var b = await graph.IngestAsync(Event("b", 1, EventType.Follow, Email(1)));
        await graph.IngestAsync(Event("c", 2, EventType.Follow, Phone(1), Email(1)));
        await graph.IngestAsync(Event("c", 2, EventType.Follow, Phone(1), Email(1)));

        var seen = provider.GetRequiredService<IEnumerable<ICustomerChangeObserver>>().OfType<RecordingObserver>().Single().Seen;
        Assert.Equal(3, seen.Count); // the replay changed nothing, so it notified nothing
        Assert.Equal([a.CustomerId!], seen[0].Changed);
        Assert.Equal(b.CustomerId, seen[2].Removed.Keys.Single());
        Assert.Equal(a.CustomerId, seen[2].Removed.Values.Single());
    }

    [Fact]
    public async Task Telemetry_CountsEventsByStatusAndMerges()
    {
        var measurements = new List<(string Name, long Value, string? Status)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == EcrmTelemetry.Name)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? status = null;
            foreach (var t in tags)
            {
                if (t.Key == "status")
                {
                    status = (string?)t.Value;
                }
            }

            lock (measurements)
            {
                measurements.Add((instrument.Name, value, status));
            }
        });
        var durations = new List<double>();
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
        {
            if (instrument.Name == "ecrm.ingest.duration")
            {
                lock (durations)
                {
                    durations.Add(value);
                }
            }
        });
        listener.Start();

        await using var h = TestGraph.Create();
        await h.Graph.IngestBatchAsync(
        [
            Event("telemetry-a", 0, EventType.Follow, Phone(71)),
            Event("telemetry-b", 1, EventType.Follow, Email(71)),
            Event("telemetry-c", 2, EventType.Follow, Phone(71), Email(71)),
            Event("telemetry-c", 2, EventType.Follow, Phone(71), Email(71)),
            new CustomerEvent { Id = "telemetry-bad", Channel = EventChannel.Web, Type = EventType.Follow, OccurredAt = Epoch },
        ]);

        lock (measurements)
        {
            Assert.Contains(("ecrm.ingest.events", 3L, "accepted"), measurements);
            Assert.Contains(("ecrm.ingest.events", 1L, "duplicate"), measurements);
            Assert.Contains(("ecrm.ingest.events", 1L, "rejected"), measurements);
            Assert.Contains(("ecrm.graph.merges", 1L, (string?)null), measurements);
        }

        lock (durations)
        {
            Assert.NotEmpty(durations); // timed because someone listens (the clock is not read otherwise)
            Assert.All(durations, d => Assert.True(d >= 0));
        }
    }

    private sealed class RecordingObserver : ICustomerChangeObserver
    {
        public List<CustomerChangeSet> Seen { get; } = [];

        public ValueTask OnCustomersChangedAsync(CustomerChangeSet changes, CancellationToken cancellationToken)
        {
            Seen.Add(changes);
            return ValueTask.CompletedTask;
        }
    }

    private sealed class FailingObserver : ICustomerChangeObserver
    {
        public ValueTask OnCustomersChangedAsync(CustomerChangeSet changes, CancellationToken cancellationToken)
            => throw new InvalidOperationException("observer bug");
    }
}
