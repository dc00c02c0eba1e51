namespace Ecrm.Storage;

/// <summary>A store's opening: its state, how much it has read and for how long.</summary>
/// <param name="State">Where the opening is.</param>
/// <param name="EntriesRead">The log entries (or rows) read so far; all of them once open.</param>
/// <param name="Elapsed">The time the opening has taken so far; the whole time once open.</param>
/// <param name="Error">Why the last open failed (with <see cref="StoreOpenState.Failed"/>), else null.</param>
public sealed record StoreOpenStatus(StoreOpenState State, long EntriesRead, TimeSpan Elapsed, Exception? Error = null)
{
    /// <summary>Gets the status of a store that has not begun to open.</summary>
    public static StoreOpenStatus Closed { get; } = new(StoreOpenState.Closed, 0, TimeSpan.Zero);

    /// <summary>Gets the status of a store with nothing to open (it was ready when built).</summary>
    public static StoreOpenStatus Ready { get; } = new(StoreOpenState.Open, 0, TimeSpan.Zero);
}
