namespace Ecrm.Storage;

/// <summary>How loading a working set from the index ended (<see cref="WorkingSetLoader"/>).</summary>
internal enum WorkingSetLoad
{
    /// <summary>The working set is loaded: the change can be made on it.</summary>
    Loaded,

    /// <summary>
    /// The working set needs the whole graph: an undone merge keeps identities of it apart. An undo rebuilds the
    /// component it splits as it is at that moment, and what later events add to it is folded onto that rebuild, so the
    /// graph after it depends on when the undo came; a replay of today's components cannot give it. The index is fine.
    /// </summary>
    NeedsWholeGraph,

    /// <summary>The replay did not give the customers the index holds: the index and the log disagree.</summary>
    Disagrees,
}
