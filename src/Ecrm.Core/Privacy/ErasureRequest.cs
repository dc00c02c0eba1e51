namespace Ecrm.Privacy;

/// <summary>Who asked for an erasure, why, and when it was done (for the audit log; no personal data belongs here).</summary>
/// <param name="RequestedBy">The staff member or system that carried out the request.</param>
/// <param name="Reason">The legal ground or ticket, such as "PIPL art. 47 request #1234".</param>
/// <param name="At">When the erasure was carried out.</param>
public sealed record ErasureRequest(string RequestedBy, string? Reason, DateTimeOffset At);
