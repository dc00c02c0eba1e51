using System.Globalization;
using Ecrm.Scoring;

namespace Ecrm.SampleHost.Commands;

/// <summary>
/// Reads purchases for <c>clv</c>: <c>cdnow</c> (whitespace separated, the CDNOW sample's five columns
/// <c>master_id sample_id YYYYMMDD cds dollars</c> or the master file's four <c>id YYYYMMDD cds dollars</c>, an optional
/// header) or <c>csv</c> (header <c>customer_id,date,amount</c>, ISO dates). A malformed line stops the read with its
/// line number.
/// </summary>
internal static class PurchaseFile
{
    private const int MaxLineLength = 4096;

    public static List<Purchase> Read(string path, string format)
    {
        if (format is not ("cdnow" or "csv"))
        {
            throw new UsageException($"--format expects cdnow or csv, received '{format}'.");
        }

        var result = new List<Purchase>();
        try
        {
            var number = 0;
            foreach (var line in File.ReadLines(path))
            {
                number++;
                if (line.Length > MaxLineLength)
                {
                    throw new InputException($"{path} line {number}: expected at most {MaxLineLength} characters, received {line.Length}.");
                }

                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                var purchase = format == "cdnow" ? ParseCdnow(line, number, path) : ParseCsv(line, number, path);
                if (purchase is { } p)
                {
                    result.Add(p);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot read '{path}': {ex.Message}");
        }

        if (result.Count == 0)
        {
            throw new InputException($"{path}: expected purchases, found none.");
        }

        return result;
    }

    private static Purchase? ParseCdnow(string line, int number, string path)
    {
        var f = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (number == 1 && f.Length > 0 && !char.IsAsciiDigit(f[0][0]))
        {
            return null; // the master file's header
        }

        var dateIndex = f.Length switch
        {
            5 => 2,
            4 => 1,
            _ => throw new InputException($"{path} line {number}: expected 4 or 5 whitespace-separated columns (id [sample_id] YYYYMMDD cds dollars), received {f.Length}."),
        };
        return new Purchase(f[0], Date(f[dateIndex], "yyyyMMdd", number, path), Amount(f[^1], number, path));
    }

    private static Purchase? ParseCsv(string line, int number, string path)
    {
        var f = line.Split(',');
        if (number == 1)
        {
            if (f.Length != 3 || f[0].Trim() != "customer_id" || f[1].Trim() != "date" || f[2].Trim() != "amount")
            {
                throw new InputException($"{path} line 1: expected the header 'customer_id,date,amount', received '{line}'.");
            }

            return null;
        }

        if (f.Length != 3 || f[0].Trim().Length == 0)
        {
            throw new InputException($"{path} line {number}: expected 'customer_id,date,amount', received {f.Length} fields.");
        }

        return new Purchase(f[0].Trim(), Date(f[1].Trim(), "yyyy-MM-dd", number, path), Amount(f[2].Trim(), number, path));
    }

    private static DateOnly Date(string text, string format, int number, string path)
        => DateOnly.TryParseExact(text, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : throw new InputException($"{path} line {number}: expected a date {format}, received '{text}'.");

    private static decimal Amount(string text, int number, string path)
        => decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var a) && a >= 0
            ? a
            : throw new InputException($"{path} line {number}: expected an amount of 0 or more, received '{text}'.");
}
