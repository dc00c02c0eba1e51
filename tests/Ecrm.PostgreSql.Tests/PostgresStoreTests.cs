using Ecrm.SampleData;
using Ecrm.Storage.ConformanceTests;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Ecrm.Storage.ConformanceTests.EventFactory;

namespace Ecrm.PostgreSql.Tests;

/// <summary>What only a shared server can show: several instances, reopening, migrations.</summary>
public sealed class PostgresStoreTests
{
    private static Task<PostgreSqlCustomerStore> OpenAsync(string schema, EcrmOptions? options = null) =>
        PostgreSqlCustomerStore.OpenAsync(options ?? new EcrmOptions(), new PostgreSqlStoreOptions { ConnectionString = PostgresServer.ConnectionString, Schema = schema });

    private static GraphHarness Harness(string schema) => new(o => OpenAsync(schema, o).GetAwaiter().GetResult());

    [PostgresFact]
    public void ConformanceSuite_RunsWithAServer()
    {
#if ECRM_POSTGRES
        Assert.NotNull(PostgresServer.ConnectionString);
#else
        Assert.Fail("ECRM_REQUIRE_POSTGRES is set but the build had no ECRM_POSTGRES: the conformance suite was not compiled in.");
#endif
    }

    [PostgresFact]
    public async Task AHostsDataSource_IsUsed_OpenedOutsideTheFactory_AndNotDisposedWithTheStore()
    {
        await using var source = NpgsqlDataSource.Create(PostgresServer.ConnectionString!);
        var schema = PostgresServer.NewSchema();
        var services = new ServiceCollection();
        services.AddSingleton(source);
        services.AddEcrm().UsePostgreSqlStore(sp => sp.GetRequiredService<NpgsqlDataSource>(), o => o.Schema = schema);
        await using (var provider = services.BuildServiceProvider())
        {
            var graph = provider.GetRequiredService<ICustomerGraph>();
            Assert.Equal(Storage.StoreOpenState.Closed, provider.GetRequiredService<Storage.CustomerStore>().OpenStatus.State);
            await graph.IngestAsync(Event("e1", 0, EventType.Follow, Phone(1)));
            Assert.Equal(1, (await graph.GetStatisticsAsync()).Events);
        }

        await using var connection = await source.OpenConnectionAsync(); // still usable: the store did not dispose it
        await using var count = new NpgsqlCommand($"SELECT count(*) FROM {schema}.ecrm_log", connection);
        Assert.Equal(1L, await count.ExecuteScalarAsync());
    }

    [PostgresFact]
    public async Task AnotherInstancesWritesAndErasures_ReachThisInstancesReadsAndObserversWithinASecond()
    {
        var schema = PostgresServer.NewSchema();
        var heard = new RecordingObserver();
        await using var writer = Instance(schema, null);
        await using var reader = Instance(schema, heard);
        var a = writer.GetRequiredService<ICustomerGraph>();
        var b = reader.GetRequiredService<ICustomerGraph>();
        await b.OpenAsync(); // listening from here on; b never writes

        var ingested = await a.IngestAsync(Event("e1", 0, EventType.Follow, Phone(1), Email(1)));
        await a.IngestAsync(Event("e2", 1, EventType.Follow, Phone(2)));

        await Eventually.Within(TimeSpan.FromSeconds(1), async () => await b.ResolveAsync(Phone(2)) is not null);
        Assert.Equal(ingested.CustomerId, await b.ResolveAsync(Email(1)));
        await Eventually.Within(TimeSpan.FromSeconds(1), () => Task.FromResult(heard.Changed.Contains(ingested.CustomerId!)));
        Assert.All(heard.Sets, set => Assert.True(set.FromElsewhere && set.Events.Count == 0)); // the accepting instance reports the events themselves

        await writer.GetRequiredService<Privacy.ICustomerPrivacy>().EraseAsync(ingested.CustomerId!, "dpo");

        await Eventually.Within(TimeSpan.FromSeconds(1), async () => await b.ResolveAsync(Phone(1)) is null && await b.ResolveAsync(Email(1)) is null);
        await Eventually.Within(TimeSpan.FromSeconds(1), () => Task.FromResult(heard.Erased.Contains(ingested.CustomerId!)));
        Assert.NotNull(await b.ResolveAsync(Phone(2)));
    }

    private static ServiceProvider Instance(string schema, ICustomerChangeObserver? observer)
    {
        var services = new ServiceCollection();
        services.AddEcrm().UsePostgreSqlStore(PostgresServer.ConnectionString!, o => o.Schema = schema);
        if (observer is not null)
        {
            services.AddSingleton(observer);
        }

        return services.BuildServiceProvider();
    }

    private sealed class RecordingObserver : ICustomerChangeObserver
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<CustomerChangeSet> _sets = new();

        public IReadOnlyList<CustomerChangeSet> Sets => [.. _sets];

        public HashSet<string> Changed => [.. _sets.SelectMany(s => s.Changed)];

        public HashSet<string> Erased => [.. _sets.SelectMany(s => s.Erased)];

        public ValueTask OnCustomersChangedAsync(CustomerChangeSet changes, CancellationToken cancellationToken)
        {
            _sets.Enqueue(changes);
            return ValueTask.CompletedTask;
        }
    }

    [PostgresFact]
    public async Task TwoInstancesIngestingOverlappingIdentitiesAtOnce_EndWithTheSequentialGraph()
    {
        var events = new SampleDataGenerator(11, end: GraphHarness.Now.AddDays(-1)).Generate(600);
        var schema = PostgresServer.NewSchema();
        await using var a = Harness(schema);
        await using var b = Harness(schema);

        // Each instance takes every other batch, so merges need events from both; both run at once.
        var batches = events.Chunk(200).ToList();
        await Task.WhenAll(
            Task.Run(async () => { foreach (var batch in batches.Where((_, i) => i % 2 == 0)) { await a.Graph.IngestBatchAsync(batch); } }),
            Task.Run(async () => { foreach (var batch in batches.Where((_, i) => i % 2 == 1)) { await b.Graph.IngestBatchAsync(batch); } }));
        await ((Storage.EventSourcedCustomerStore)a.Store).SynchronizeAsync();
        await ((Storage.EventSourcedCustomerStore)b.Store).SynchronizeAsync();

        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        services.AddEcrm(); // the in-memory store, one process
        await using var provider = Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(services);
        var sequential = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<ICustomerGraph>(provider);
        foreach (var batch in batches)
        {
            await sequential.IngestBatchAsync(batch);
        }

        var expected = await GraphSnapshot.CaptureAsync(sequential, Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Storage.CustomerStore>(provider));
        Assert.Equal(expected, await GraphSnapshot.CaptureAsync(a));
        Assert.Equal(expected, await GraphSnapshot.CaptureAsync(b));

        await using var reopened = Harness(schema);
        Assert.Equal(expected, await GraphSnapshot.CaptureAsync(reopened));
    }

    [PostgresFact]
    public async Task TheSameEventFromTwoInstances_IsStoredOnce()
    {
        var schema = PostgresServer.NewSchema();
        await using var a = Harness(schema);
        await using var b = Harness(schema);
        Assert.Equal(IngestStatus.Accepted, (await a.Graph.IngestAsync(Event("e1", 0, EventType.Follow, Phone(1)))).Status);
        Assert.Equal(IngestStatus.Duplicate, (await b.Graph.IngestAsync(Event("e1", 0, EventType.Follow, Phone(1)))).Status);
        await Assert.ThrowsAsync<DuplicateEventConflictException>(async () => await b.Graph.IngestAsync(Event("e1", 5, EventType.Purchase, Phone(2))));
        Assert.Equal(1, (await b.Graph.GetStatisticsAsync()).Events);
    }

    [PostgresFact]
    public async Task AnErasureByOneInstance_ReachesTheOther()
    {
        var schema = PostgresServer.NewSchema();
        await using var a = Harness(schema);
        await using var b = Harness(schema);
        await a.Graph.IngestAsync(Event("e1", 0, EventType.Follow, Phone(1), Email(1)));
        await b.Graph.IngestAsync(Event("e2", 1, EventType.Follow, Phone(2)));
        await a.Privacy.EraseAsync((await a.Graph.ResolveAsync(Phone(1)))!, "dpo");
        await ((Storage.EventSourcedCustomerStore)b.Store).SynchronizeAsync();
        Assert.Null(await b.Graph.ResolveAsync(Phone(1)));
        Assert.NotNull(await b.Graph.ResolveAsync(Phone(2)));
        Assert.Single(await b.Privacy.GetErasuresAsync());
    }

    [PostgresFact]
    public async Task ANewerSchema_IsRefused()
    {
        var schema = PostgresServer.NewSchema();
        await (await OpenAsync(schema)).DisposeAsync();
        await using (var connection = new NpgsqlConnection(PostgresServer.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"UPDATE {schema}.ecrm_meta SET value = 99 WHERE key = 'schema_version'", connection);
            await command.ExecuteNonQueryAsync();
        }

        var ex = await Assert.ThrowsAsync<EcrmException>(async () => await OpenAsync(schema));
        Assert.Contains("received version 99", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_AreValidated()
    {
        Assert.Throws<EcrmException>(() => new PostgreSqlStoreOptions().Validate());
        Assert.Throws<EcrmException>(() => new PostgreSqlStoreOptions { ConnectionString = "Host=x", Schema = "Bad-Name" }.Validate());
    }
}
