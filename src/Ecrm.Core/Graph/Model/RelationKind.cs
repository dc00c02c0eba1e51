using System.Text.Json.Serialization;

namespace Ecrm;

/// <summary>The kind of a relation between two customers, named from the acting customer's side.</summary>
public enum RelationKind
{
    /// <summary>Reposted the other's post.</summary>
    [JsonStringEnumMemberName("reposted")]
    Reposted = 0,

    /// <summary>Mentioned the other.</summary>
    [JsonStringEnumMemberName("mentioned")]
    Mentioned = 1,

    /// <summary>Replied to or commented on the other's post.</summary>
    [JsonStringEnumMemberName("replied-to")]
    RepliedTo = 2,

    /// <summary>Was referred or invited by the other.</summary>
    [JsonStringEnumMemberName("referred-by")]
    ReferredBy = 3,

    /// <summary>Any other event that named the other as its target author.</summary>
    [JsonStringEnumMemberName("interacted-with")]
    InteractedWith = 4,
}
