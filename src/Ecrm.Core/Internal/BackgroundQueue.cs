using System.Threading.Channels;

namespace Ecrm.Internal;

/// <summary>
/// Work that observers hand off so ingestion is not held up by network calls (triggered campaign sends, e-mail
/// auto-responses): an unbounded queue read by one worker, started on the first item, in batches; a failed batch is
/// reported and the worker goes on.
/// </summary>
/// <typeparam name="T">An item of work.</typeparam>
internal sealed class BackgroundQueue<T>(Func<IReadOnlyList<T>, CancellationToken, Task> handle, Action<Exception> failed, int batchSize = 1000) : IAsyncDisposable, IDisposable
{
    private readonly Channel<T> _items = Channel.CreateUnbounded<T>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private Task? _worker;
    private int _pending;
    private int _disposed;

    /// <summary>Queues an item (dropped once the queue is disposed).</summary>
    /// <param name="item">The item.</param>
    public void Enqueue(T item)
    {
        Interlocked.Increment(ref _pending);
        if (!_items.Writer.TryWrite(item))
        {
            Interlocked.Decrement(ref _pending);
            return;
        }

        lock (_gate)
        {
            _worker ??= Task.Run(WorkAsync);
        }
    }

    /// <summary>Completes when every item queued so far was handled (tests, orderly shutdown).</summary>
    /// <returns>A task.</returns>
    public async Task WhenIdleAsync()
    {
        while (Volatile.Read(ref _pending) > 0)
        {
            await Task.Delay(10).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _items.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_worker is { } worker)
        {
            try
            {
                await worker.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        _stopping.Dispose();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _items.Writer.TryComplete();
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private async Task WorkAsync()
    {
        var reader = _items.Reader;
        while (await reader.WaitToReadAsync(_stopping.Token).ConfigureAwait(false))
        {
            var batch = new List<T>();
            while (batch.Count < batchSize && reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            try
            {
                await handle(batch, _stopping.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failed(ex);
            }
            finally
            {
                Interlocked.Add(ref _pending, -batch.Count);
            }
        }
    }
}
