namespace Ecrm.Listening;

/// <summary>Where an alert is in its handling.</summary>
public enum AlertStatus
{
    /// <summary>Raised, nobody has taken it yet.</summary>
    Open = 0,

    /// <summary>Someone has taken it.</summary>
    Acknowledged = 1,

    /// <summary>Answered and closed; a new negative text raises a new alert.</summary>
    Resolved = 2,
}
