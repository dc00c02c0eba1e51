using System.Text.Json.Serialization;

namespace Ecrm;

/// <summary>A gender as channels report it. JSON uses the lowercase names.</summary>
public enum Gender
{
    /// <summary>Not reported or not known.</summary>
    [JsonStringEnumMemberName("unknown")]
    Unknown = 0,

    /// <summary>Female.</summary>
    [JsonStringEnumMemberName("female")]
    Female = 1,

    /// <summary>Male.</summary>
    [JsonStringEnumMemberName("male")]
    Male = 2,

    /// <summary>Another gender.</summary>
    [JsonStringEnumMemberName("other")]
    Other = 3,
}
