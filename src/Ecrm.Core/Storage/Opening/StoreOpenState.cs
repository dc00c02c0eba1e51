namespace Ecrm.Storage;

/// <summary>Where a store is in its opening.</summary>
public enum StoreOpenState
{
    /// <summary>Not opened yet: the first operation (or <see cref="CustomerStore.OpenAsync"/>) opens it.</summary>
    Closed,

    /// <summary>Opening: reading what reads need (for an event-sourced store, replaying the log).</summary>
    Opening,

    /// <summary>Open: reads and writes are served.</summary>
    Open,

    /// <summary>The last open failed (<see cref="StoreOpenStatus.Error"/> says why); the next operation tries again.</summary>
    Failed,
}
