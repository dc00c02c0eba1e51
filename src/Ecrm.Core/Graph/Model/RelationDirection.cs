using System.Text.Json.Serialization;

namespace Ecrm;

/// <summary>The direction of a <see cref="CustomerRelation"/>.</summary>
public enum RelationDirection
{
    /// <summary>This customer acted on the other.</summary>
    [JsonStringEnumMemberName("outbound")]
    Outbound = 0,

    /// <summary>The other customer acted on this one.</summary>
    [JsonStringEnumMemberName("inbound")]
    Inbound = 1,
}
