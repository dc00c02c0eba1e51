using Ecrm.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Ecrm.Storage;

/// <summary>
/// Opens the store when the host starts, in the background: the host's start is not held up (requests that need the
/// store wait for it, and <see cref="StoreReadinessHealthCheck"/> reports it not ready until then), progress is logged
/// at most once a second, and stopping the host cancels the opening. A failed opening is logged; the next operation
/// tries again.
/// </summary>
internal sealed class StoreOpeningService : IHostedService, IDisposable
{
    private static readonly TimeSpan LogEvery = TimeSpan.FromSeconds(1);
    private readonly CustomerStore _store;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private Task? _opening;

    public StoreOpeningService(CustomerStore store, ILogger<StoreOpeningService>? logger = null)
    {
        _store = store;
        _logger = logger ?? NullLogger<StoreOpeningService>.Instance;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _opening = Task.Run(() => OpenAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_opening is { } opening)
        {
            await opening.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => _stopping.Dispose();

    private async Task OpenAsync(CancellationToken cancellationToken)
    {
        var meta = _store.Metadata;
        var location = meta.Location ?? "process memory";
        Log.Opening(_logger, meta.ProviderName, location);
        var logged = TimeSpan.Zero;
        var progress = new SynchronousProgress(status =>
        {
            if (status.State == StoreOpenState.Opening && status.Elapsed - logged >= LogEvery)
            {
                logged = status.Elapsed;
                Log.OpeningProgress(_logger, meta.ProviderName, status.EntriesRead, status.Elapsed);
            }
        });
        try
        {
            var open = await _store.OpenAsync(progress, cancellationToken).ConfigureAwait(false);
            Log.Opened(_logger, meta.ProviderName, location, open.EntriesRead, open.Elapsed);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
        catch (Exception ex)
        {
            Log.OpenFailed(_logger, ex, meta.ProviderName, location);
        }
    }

    /// <summary>Reports on the opening's own thread (<see cref="Progress{T}"/> would post to the thread pool, out of order).</summary>
    private sealed class SynchronousProgress(Action<StoreOpenStatus> report) : IProgress<StoreOpenStatus>
    {
        public void Report(StoreOpenStatus value) => report(value);
    }
}
