namespace Ecrm.Attribution;

/// <summary>What one campaign or medium brought, with credit shared by the report's model.</summary>
/// <param name="Key">The campaign code or the medium.</param>
/// <param name="Touches">Touches recorded (messages, scans, clicks, coupon uses), whether or not anything followed.</param>
/// <param name="Followers">Follows credited to it.</param>
/// <param name="NewCustomers">First purchases credited to it (customers gained).</param>
/// <param name="Orders">Purchases credited to it.</param>
/// <param name="Revenue">Revenue credited to it (purchase amounts times the credit share).</param>
public sealed record AttributionRow(string Key, int Touches, double Followers, double NewCustomers, double Orders, decimal Revenue);
