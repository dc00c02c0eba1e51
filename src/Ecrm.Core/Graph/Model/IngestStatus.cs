using System.Text.Json.Serialization;

namespace Ecrm;

/// <summary>What ingestion did with one event.</summary>
public enum IngestStatus
{
    /// <summary>The event was new and is now part of the graph.</summary>
    [JsonStringEnumMemberName("accepted")]
    Accepted = 0,

    /// <summary>The event was already stored with the same content: nothing changed.</summary>
    [JsonStringEnumMemberName("duplicate")]
    Duplicate = 1,

    /// <summary>The event was invalid or reused an id with different content: nothing was stored.</summary>
    [JsonStringEnumMemberName("rejected")]
    Rejected = 2,
}
