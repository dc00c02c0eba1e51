using System.Globalization;
using Ecrm.Scoring;

namespace Ecrm.Core.Tests.Scoring;

/// <summary>The CDNOW sample as the literature summarises it: calibration up to 1997-09-30, weeks.</summary>
internal static class CdnowSample
{
    private static readonly Lazy<IReadOnlyList<Purchase>> LazyPurchases = new(Load);
    private static readonly Lazy<IReadOnlyDictionary<string, PurchaseSummary>> LazySummaries =
        new(() => PurchaseSummaries.Summarize(Purchases, new DateOnly(1997, 9, 30)));

    public static IReadOnlyList<Purchase> Purchases => LazyPurchases.Value;

    public static IReadOnlyDictionary<string, PurchaseSummary> Summaries => LazySummaries.Value;

    private static List<Purchase> Load()
    {
        var result = new List<Purchase>();
        foreach (var line in File.ReadLines(TestPaths.Fixture("cdnow/CDNOW_sample.txt")))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length == 5)
            {
                result.Add(new Purchase(
                    f[0],
                    DateOnly.ParseExact(f[2], "yyyyMMdd", CultureInfo.InvariantCulture),
                    decimal.Parse(f[4], CultureInfo.InvariantCulture)));
            }
        }

        return result;
    }
}
