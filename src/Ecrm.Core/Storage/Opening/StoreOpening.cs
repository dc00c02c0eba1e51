using System.Diagnostics;

namespace Ecrm.Storage;

/// <summary>
/// Opens a store once, however many callers ask at the same time: the first starts the opening, the others wait for
/// it. A failed or cancelled opening is started again by the next caller. Only an explicit open cancels the opening
/// itself; an operation that opens implicitly cancels only its own wait.
/// </summary>
internal sealed class StoreOpening : IDisposable
{
    private const int Restarts = 3; // openings cancelled by someone else that an implicit waiter starts again
    private readonly Func<Action<long>, CancellationToken, Task<long>> _open;
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _lifetime = new();
    private readonly List<CancellationTokenSource> _cancellations = [];
    private Task<StoreOpenStatus>? _task;
    private volatile StoreOpenStatus _status = StoreOpenStatus.Closed;

    /// <param name="open">Opens the store, reporting the entries read so far; returns the entries read in all.</param>
    public StoreOpening(Func<Action<long>, CancellationToken, Task<long>> open) => _open = open;

    public StoreOpenStatus Status => _status;

    public bool IsOpen => _status.State == StoreOpenState.Open;

    /// <summary>Opens the store, or waits for the opening under way.</summary>
    /// <param name="progress">Told how the opening goes, if this call starts it.</param>
    /// <param name="cancellationToken">Cancels the wait, and with <paramref name="cancelsOpening"/> the opening too.</param>
    /// <param name="cancelsOpening">Whether cancelling this call cancels the opening (an explicit open) or only the wait.</param>
    public ValueTask<StoreOpenStatus> OpenAsync(IProgress<StoreOpenStatus>? progress, CancellationToken cancellationToken, bool cancelsOpening)
    {
        var status = _status;
        return status.State == StoreOpenState.Open ? ValueTask.FromResult(status) : WaitAsync(progress, cancellationToken, cancelsOpening);
    }

    /// <summary>Cancels an opening under way and waits for it to stop (before the store releases what it opened).</summary>
    public async Task StopAsync()
    {
        Task? task;
        lock (_lock)
        {
            if (!_lifetime.IsCancellationRequested)
            {
                _lifetime.Cancel();
            }

            task = _task;
        }

        if (task is not null)
        {
            await ((Task)task).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (!_lifetime.IsCancellationRequested)
            {
                _lifetime.Cancel();
            }

            foreach (var cancellation in _cancellations)
            {
                cancellation.Dispose();
            }

            _cancellations.Clear();
        }

        _lifetime.Dispose();
    }

    private async ValueTask<StoreOpenStatus> WaitAsync(IProgress<StoreOpenStatus>? progress, CancellationToken cancellationToken, bool cancelsOpening)
    {
        for (var attempt = 0; ; attempt++)
        {
            Task<StoreOpenStatus> task;
            CancellationTokenRegistration registration = default;
            lock (_lock)
            {
                ObjectDisposedException.ThrowIf(_lifetime.IsCancellationRequested, this);
                var cancellation = _cancellations.Count > 0 ? _cancellations[^1] : null;
                if (_task is null || _task.IsFaulted || _task.IsCanceled)
                {
                    cancellation = CancellationTokenSource.CreateLinkedTokenSource(_lifetime.Token);
                    _cancellations.Add(cancellation);
                    var token = cancellation.Token;
                    _task = Task.Run(() => RunAsync(progress, token), CancellationToken.None);
                }

                task = _task;
                if (cancelsOpening && cancellationToken.CanBeCanceled && cancellation is not null)
                {
                    registration = cancellationToken.Register(static s => ((CancellationTokenSource)s!).Cancel(), cancellation);
                }
            }

            try
            {
                return await task.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancelsOpening && !cancellationToken.IsCancellationRequested && task.IsCanceled && attempt < Restarts)
            {
                // Whoever started the opening cancelled it; this caller still wants the store open.
            }
            catch (OperationCanceledException) when (cancelsOpening && cancellationToken.IsCancellationRequested)
            {
                // An explicit open returns once the opening it cancelled has stopped (nothing reads on behind it).
                await ((Task)task).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                throw;
            }
            finally
            {
                await registration.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<StoreOpenStatus> RunAsync(IProgress<StoreOpenStatus>? progress, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        Report(new StoreOpenStatus(StoreOpenState.Opening, 0, TimeSpan.Zero), progress);
        try
        {
            var read = await _open(n => Report(new StoreOpenStatus(StoreOpenState.Opening, n, watch.Elapsed), progress), cancellationToken).ConfigureAwait(false);
            var open = new StoreOpenStatus(StoreOpenState.Open, read, watch.Elapsed);
            Report(open, progress);
            return open;
        }
        catch (OperationCanceledException)
        {
            _status = StoreOpenStatus.Closed;
            throw;
        }
        catch (Exception ex)
        {
            Report(new StoreOpenStatus(StoreOpenState.Failed, _status.EntriesRead, watch.Elapsed, ex), progress);
            throw;
        }
    }

    private void Report(StoreOpenStatus status, IProgress<StoreOpenStatus>? progress)
    {
        _status = status;
        progress?.Report(status);
    }
}
