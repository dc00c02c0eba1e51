using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Ecrm.Weibo;

/// <summary>Runs <see cref="WeiboPoller.PollOnceAsync"/> every <see cref="WeiboOptions.PollInterval"/> in the host's background.</summary>
public sealed partial class WeiboPollingService : BackgroundService
{
    private readonly WeiboPoller _poller;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Initializes the service.</summary>
    /// <param name="poller">The poller.</param>
    /// <param name="options">The options.</param>
    /// <param name="time">The clock for the interval.</param>
    /// <param name="logger">The logger.</param>
    public WeiboPollingService(WeiboPoller poller, IOptions<WeiboOptions> options, TimeProvider time, ILogger<WeiboPollingService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _poller = poller ?? throw new ArgumentNullException(nameof(poller));
        _interval = options.Value.PollInterval;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? (ILogger)Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _poller.PollOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                PollCrashed(_logger, ex);
            }

            try
            {
                await Task.Delay(_interval, _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(EventId = 1504, Level = LogLevel.Error, Message = "Weibo poll failed; trying again at the next interval")]
    private static partial void PollCrashed(ILogger logger, Exception exception);
}
