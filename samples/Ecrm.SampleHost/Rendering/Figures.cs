using System.Globalization;

namespace Ecrm.SampleHost.Rendering;

/// <summary>The summary line of the graph's sizes.</summary>
internal static class Figures
{
    public static string Describe(GraphStatistics s)
        => string.Create(CultureInfo.InvariantCulture,
            $"Customers: {s.Customers:N0} ({s.Prospects:N0} prospects, {s.Customers - s.Prospects:N0} buyers), identities: {s.Identities:N0}, events: {s.Events:N0}, merges: {s.Merges:N0}, identity conflicts: {s.Conflicts:N0}.");
}
