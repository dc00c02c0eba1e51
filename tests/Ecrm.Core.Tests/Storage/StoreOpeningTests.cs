using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Ecrm.Privacy;
using Ecrm.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using static Ecrm.Storage.ConformanceTests.EventFactory;

namespace Ecrm.Core.Tests.Storage;

/// <summary>
/// Opening a store: outside the DI factory, once however many callers ask, in a hosted service with progress and
/// cancellation, reported by the readiness check; a failed or cancelled opening is tried again.
/// </summary>
public sealed class StoreOpeningTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task BuildingTheGraph_OpensNothing_AndConcurrentFirstOperationsShareOneOpening()
    {
        var store = new GatedLogStore(new EcrmOptions(), entries: 2000) { GateAfter = 100 };
        await using var services = Services(store);
        var graph = services.GetRequiredService<ICustomerGraph>();
        Assert.Equal(StoreOpenState.Closed, store.OpenStatus.State);
        Assert.Equal(0, store.OpenLogCalls);

        var reads = Enumerable.Range(0, 8).Select(_ => graph.GetStatisticsAsync().AsTask()).ToArray();
        await WaitUntil(() => store.OpenStatus.State == StoreOpenState.Opening && store.Read >= 100);
        Assert.All(reads, r => Assert.False(r.IsCompleted)); // nobody reads a partly replayed graph
        store.Gate.SetResult();

        var stats = await Task.WhenAll(reads).WaitAsync(Patience);
        Assert.All(stats, s => Assert.Equal(2000, s.Events));
        Assert.Equal(1, store.OpenLogCalls);
        var open = await graph.OpenAsync();
        Assert.Equal(StoreOpenState.Open, open.State);
        Assert.Equal(2000, open.EntriesRead);
    }

    [Fact]
    public async Task TheHostedService_OpensInTheBackground_LogsProgress_AndTheHealthCheckTurnsReady()
    {
        var store = new GatedLogStore(new EcrmOptions(), entries: 10_000) { GateAfter = 5000 };
        var logs = new LogSink();
        await using var services = Services(store, logs);
        var health = services.GetRequiredService<StoreReadinessHealthCheck>();
        var hosted = services.GetServices<IHostedService>().ToArray();
        Assert.Single(hosted);

        await hosted[0].StartAsync(CancellationToken.None).WaitAsync(Patience); // returns at once: the opening goes on behind
        await WaitUntil(() => store.Read >= 5000);
        var opening = await health.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Unhealthy, opening.Status);
        Assert.Contains("is opening", opening.Description, StringComparison.Ordinal);
        await Task.Delay(TimeSpan.FromSeconds(1.1)); // the next progress report is more than a second after the opening began
        store.Gate.SetResult();

        await WaitUntil(() => store.OpenStatus.State == StoreOpenState.Open);
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(new HealthCheckContext())).Status);
        await WaitUntil(() => logs.Has(1009));
        Assert.Contains(logs.Messages, m => m.Id == 1007 && m.Text.Contains("test-log", StringComparison.Ordinal));
        Assert.Contains(logs.Messages, m => m.Id == 1008 && m.Text.Contains("8192 entries", StringComparison.Ordinal));
        Assert.Contains(logs.Messages, m => m.Id == 1009 && m.Text.Contains("10000 entries", StringComparison.Ordinal));
        await hosted[0].StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task StoppingTheHost_CancelsTheOpening_AndTheNextOperationOpensAgain()
    {
        var store = new GatedLogStore(new EcrmOptions(), entries: 500) { GateAfter = 10 };
        await using var services = Services(store);
        var hosted = services.GetServices<IHostedService>().Single();
        await hosted.StartAsync(CancellationToken.None);
        await WaitUntil(() => store.Read >= 10);

        await hosted.StopAsync(CancellationToken.None).WaitAsync(Patience);

        Assert.Equal(StoreOpenState.Closed, store.OpenStatus.State);
        Assert.True(store.ReadCancelled, "the replay was not cancelled");
        store.Gate.SetResult();
        var stats = await services.GetRequiredService<ICustomerGraph>().GetStatisticsAsync().AsTask().WaitAsync(Patience);
        Assert.Equal(500, stats.Events);
        Assert.Equal(2, store.OpenLogCalls);
    }

    [Fact]
    public async Task AFailedOpening_IsReported_AndTheNextOperationTriesAgain()
    {
        var store = new GatedLogStore(new EcrmOptions(), entries: 50) { FailOpens = 1 };
        store.Gate.SetResult();
        await using var services = Services(store);
        var graph = services.GetRequiredService<ICustomerGraph>();
        var health = services.GetRequiredService<StoreReadinessHealthCheck>();

        var error = await Assert.ThrowsAsync<EcrmException>(async () => await graph.ResolveAsync(Phone(1)));
        Assert.Contains("unreachable (test)", error.Message, StringComparison.Ordinal);
        Assert.Equal(StoreOpenState.Failed, store.OpenStatus.State);
        var failed = await health.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Unhealthy, failed.Status);
        Assert.Same(error, failed.Exception);

        Assert.NotNull(await graph.ResolveAsync(Phone(1)));
        Assert.Equal(HealthStatus.Healthy, (await health.CheckHealthAsync(new HealthCheckContext())).Status);
        Assert.Equal(2, store.OpenLogCalls);
    }

    [Fact]
    public async Task AnOperationCancelledWhileItWaits_DoesNotCancelTheOpeningOthersWaitFor()
    {
        var store = new GatedLogStore(new EcrmOptions(), entries: 300) { GateAfter = 20 };
        await using var services = Services(store);
        var graph = services.GetRequiredService<ICustomerGraph>();
        var patient = graph.GetStatisticsAsync().AsTask();
        using var impatient = new CancellationTokenSource();
        var hurried = graph.GetStatisticsAsync(impatient.Token).AsTask();
        await WaitUntil(() => store.Read >= 20);

        await impatient.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => hurried);
        Assert.Equal(StoreOpenState.Opening, store.OpenStatus.State);
        store.Gate.SetResult();
        Assert.Equal(300, (await patient.WaitAsync(Patience)).Events);
        Assert.Equal(1, store.OpenLogCalls);
    }

    private static ServiceProvider Services(CustomerStore store, LogSink? logs = null)
    {
        var services = new ServiceCollection();
        if (logs is not null)
        {
            services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Information));
        }

        services.AddEcrm().UseStore(_ => store);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting");
            await Task.Delay(5);
        }
    }

    /// <summary>A log of N follow events whose replay can be held at an entry, and whose opening can fail.</summary>
    private sealed class GatedLogStore : EventSourcedCustomerStore
    {
        private readonly StoreLogEntry[] _log;
        private int _read;
        private int _openLogCalls;

        public GatedLogStore(EcrmOptions options, int entries)
            : base(options)
        {
            _log = [.. Enumerable.Range(0, entries).Select(i => StoreLogEntry.ForEvent(i + 1, Event($"e{i}", i, EventType.Follow, Phone(i % 100))))];
        }

        public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int GateAfter { get; init; } = int.MaxValue;

        public int FailOpens { get; set; }

        public int Read => Volatile.Read(ref _read);

        public int OpenLogCalls => Volatile.Read(ref _openLogCalls);

        public bool ReadCancelled { get; private set; }

        public override CustomerStoreMetadata Metadata { get; } = new("test-log", false, null);

        public override ValueTask<IReadOnlyList<ErasureRecord>> GetErasuresAsync(CancellationToken cancellationToken = default)
            => ValueTask.FromResult<IReadOnlyList<ErasureRecord>>([]);

        protected override ValueTask OpenLogAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _openLogCalls);
            if (FailOpens > 0)
            {
                FailOpens--;
                throw new EcrmException("test-log: expected a reachable log, received: unreachable (test).");
            }

            return ValueTask.CompletedTask;
        }

        protected override ValueTask AppendAsync(IReadOnlyList<StoreLogEntry> entries, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        protected override async IAsyncEnumerable<StoreLogEntry> ReadLogAsync([EnumeratorCancellation] CancellationToken cancellationToken)
        {
            Volatile.Write(ref _read, 0);
            for (var i = 0; i < _log.Length; i++)
            {
                if (i == GateAfter)
                {
                    try
                    {
                        await Gate.Task.WaitAsync(cancellationToken);
                    }
                    catch (OperationCanceledException)
                    {
                        ReadCancelled = true;
                        throw;
                    }
                }

                Interlocked.Increment(ref _read);
                yield return _log[i];
            }
        }

        protected override ValueTask RewriteAsync(IReadOnlyList<StoreLogEntry> events, ErasureRecord record, CancellationToken cancellationToken)
            => throw new NotSupportedException();
    }

    private sealed class LogSink : ILoggerProvider
    {
        public ConcurrentQueue<(int Id, string Text)> Messages { get; } = new();

        public bool Has(int id) => Messages.Any(m => m.Id == id);

        public ILogger CreateLogger(string categoryName) => new Sink(this);

        public void Dispose()
        {
        }

        private sealed class Sink(LogSink owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
                => owner.Messages.Enqueue((eventId.Id, formatter(state, exception)));
        }
    }
}
