using System.Threading.Channels;
using Npgsql;

namespace Ecrm.PostgreSql;

/// <summary>
/// Hears other instances' commits: a connection of its own LISTENs on the schema's channel, and each notification
/// from another instance wakes one catch-up (notifications arriving meanwhile are coalesced into the next one). After
/// a lost connection it reconnects, with a pause, and catches up on what it may have missed.
/// </summary>
internal sealed class PostgreSqlChangeListener : IAsyncDisposable
{
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(1);
    private readonly NpgsqlDataSource _source;
    private readonly string _channel;
    private readonly string _instance;
    private readonly Func<CancellationToken, Task> _catchUp;
    private readonly Channel<bool> _wakeups = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _listening;
    private readonly Task _catchingUp;

    /// <param name="source">Where to connect.</param>
    /// <param name="channel">The notification channel (a quoted identifier of at most 63 bytes).</param>
    /// <param name="instance">This instance's id, which its own notifications carry (it needs no catch-up for them).</param>
    /// <param name="catchUp">Folds in what others wrote and tells the observers.</param>
    public PostgreSqlChangeListener(NpgsqlDataSource source, string channel, string instance, Func<CancellationToken, Task> catchUp)
    {
        _source = source;
        _channel = channel;
        _instance = instance;
        _catchUp = catchUp;
        _listening = Task.Run(() => ListenAsync(_stop.Token));
        _catchingUp = Task.Run(() => CatchUpAsync(_stop.Token));
    }

    /// <summary>Gets the number of catch-ups run (for tests and diagnostics).</summary>
    public int CatchUps { get; private set; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _wakeups.Writer.TryComplete();
        try
        {
            await Task.WhenAll(_listening, _catchingUp).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task ListenAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                connection.Notification += (_, e) =>
                {
                    if (!string.Equals(e.Payload, _instance, StringComparison.Ordinal))
                    {
                        _wakeups.Writer.TryWrite(true);
                    }
                };
                await using (var listen = new NpgsqlCommand($"LISTEN \"{_channel}\"", connection))
                {
                    await listen.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                _wakeups.Writer.TryWrite(true); // whatever was committed while not listening
                while (true)
                {
                    await connection.WaitAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
            {
                await PauseAsync(cancellationToken).ConfigureAwait(false); // the server went away: listen again shortly
            }
        }
    }

    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var _ in _wakeups.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await _catchUp(cancellationToken).ConfigureAwait(false);
                    CatchUps++;
                }
                catch (Exception) when (!cancellationToken.IsCancellationRequested)
                {
                    // The server or the graph refused this time (a failover, a failed rebuild): try again shortly.
                    await PauseAsync(cancellationToken).ConfigureAwait(false);
                    _wakeups.Writer.TryWrite(true);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private static async Task PauseAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Pause, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
