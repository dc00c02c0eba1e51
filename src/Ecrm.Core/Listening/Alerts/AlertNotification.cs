namespace Ecrm.Listening;

/// <summary>What listening tells its sinks.</summary>
/// <param name="Id">A unique, stable id for this notification (sinks use it to drop repeats, webhooks send it as the idempotency key).</param>
/// <param name="Kind">What happened.</param>
/// <param name="At">When it happened (the text's time for raised and escalated, the handling time otherwise).</param>
/// <param name="Alert">The alert, for every kind but <see cref="AlertNotificationKind.Surge"/>.</param>
/// <param name="Surge">The surge, for <see cref="AlertNotificationKind.Surge"/>.</param>
public sealed record AlertNotification(string Id, AlertNotificationKind Kind, DateTimeOffset At, Alert? Alert, Surge? Surge);
