namespace Ecrm.Listening;

/// <summary>What an <see cref="AlertNotification"/> reports.</summary>
public enum AlertNotificationKind
{
    /// <summary>A new alert.</summary>
    Raised = 0,

    /// <summary>An alert's level rose (repeats, or a more negative text).</summary>
    Escalated = 1,

    /// <summary>Someone acknowledged an alert.</summary>
    Acknowledged = 2,

    /// <summary>Someone resolved an alert.</summary>
    Resolved = 3,

    /// <summary>A surge of negative volume.</summary>
    Surge = 4,
}
