namespace Ecrm.Listening;

/// <summary>How urgently an alert needs an answer, from its severity (see <see cref="AlertSeverityOptions"/>).</summary>
public enum AlertLevel
{
    /// <summary>Below the medium threshold.</summary>
    Low = 0,

    /// <summary>At least the medium threshold (default 15).</summary>
    Medium = 1,

    /// <summary>At least the high threshold (default 35).</summary>
    High = 2,

    /// <summary>At least the critical threshold (default 60): a very negative text with wide reach.</summary>
    Critical = 3,
}
