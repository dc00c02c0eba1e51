using Microsoft.Extensions.Logging;

namespace Ecrm.Telemetry;

/// <summary>Source-generated log messages with stable event ids.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Ingested {Accepted} events ({Duplicates} duplicates, {Rejected} rejected); {Changed} customers changed, {Merges} merges, {Conflicts} conflicts")]
    public static partial void Ingested(ILogger logger, int accepted, int duplicates, int rejected, int changed, int merges, int conflicts);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Rejected event {EventId}: {Reason}")]
    public static partial void Rejected(ILogger logger, string? eventId, string reason);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Undid merge {MergeId}: {RestoredId} split from {SurvivorId}")]
    public static partial void MergeUndone(ILogger logger, string mergeId, string restoredId, string survivorId);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Error, Message = "Customer change observer {Observer} failed")]
    public static partial void ObserverFailed(ILogger logger, string observer, Exception exception);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "Ecrm customer graph started on store {Provider} ({Location})")]
    public static partial void Started(ILogger logger, string provider, string location);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Information, Message = "Erasure {ErasureId}: customer {CustomerId} anonymised, {Events} events rewritten")]
    public static partial void Erased(ILogger logger, string erasureId, string customerId, int events);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Information, Message = "Opening store {Provider} ({Location})")]
    public static partial void Opening(ILogger logger, string provider, string location);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Information, Message = "Opening store {Provider}: {Entries} entries read in {Elapsed}")]
    public static partial void OpeningProgress(ILogger logger, string provider, long entries, TimeSpan elapsed);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Information, Message = "Opened store {Provider} ({Location}): {Entries} entries read in {Elapsed}")]
    public static partial void Opened(ILogger logger, string provider, string location, long entries, TimeSpan elapsed);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Error, Message = "Could not open store {Provider} ({Location}); the next operation tries again")]
    public static partial void OpenFailed(ILogger logger, Exception error, string provider, string location);
}
