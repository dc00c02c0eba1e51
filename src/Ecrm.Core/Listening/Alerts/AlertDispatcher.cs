using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Ecrm.Listening;

/// <summary>
/// Hands notifications to the sinks from a background loop, in order, so ingestion never waits on a webhook. A sink
/// that throws is logged and counted; the others still run. <see cref="FlushAsync"/> waits for what was queued before it.
/// </summary>
internal sealed partial class AlertDispatcher : IAsyncDisposable, IDisposable
{
    private readonly IAlertSink[] _sinks;
    private readonly ILogger _logger;
    private readonly Channel<(AlertNotification? Notification, TaskCompletionSource? Flushed)> _queue =
        Channel.CreateUnbounded<(AlertNotification?, TaskCompletionSource?)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;

    public AlertDispatcher(IEnumerable<IAlertSink> sinks, ILogger logger)
    {
        _sinks = [.. sinks];
        _logger = logger;
        _loop = _sinks.Length == 0 ? Task.CompletedTask : Task.Run(RunAsync);
    }

    public bool HasSinks => _sinks.Length > 0;

    public void Enqueue(AlertNotification notification)
    {
        if (_sinks.Length > 0)
        {
            _queue.Writer.TryWrite((notification, null));
        }
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        if (_sinks.Length == 0)
        {
            return;
        }

        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((null, flushed)))
        {
            return; // shut down
        }

        await flushed.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops taking notifications and waits (up to ten seconds) for the queued ones to be delivered.</summary>
    public void Dispose()
    {
        _queue.Writer.TryComplete();
        if (!_loop.Wait(TimeSpan.FromSeconds(10)))
        {
            _stopping.Cancel();
        }

        _stopping.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        try
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private async Task RunAsync()
    {
        await foreach (var (notification, flushed) in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (notification is null)
            {
                flushed?.TrySetResult();
                continue;
            }

            foreach (var sink in _sinks)
            {
                try
                {
                    await sink.DeliverAsync(notification, _stopping.Token).ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    SinkFailed(_logger, sink.GetType().Name, notification.Id, ex);
                }
            }
        }
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Error, Message = "Alert sink {Sink} failed to deliver notification {NotificationId}")]
    private static partial void SinkFailed(ILogger logger, string sink, string notificationId, Exception exception);
}
