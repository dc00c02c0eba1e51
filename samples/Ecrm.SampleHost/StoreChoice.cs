namespace Ecrm.SampleHost;

/// <summary>
/// The <c>--store</c> option: <c>sqlite:PATH</c>, <c>postgres:CONNECTION</c> or <c>memory</c>. The default is SQLite
/// in the sample's data folder: <c>$ECRM_SAMPLE_DATA</c> if set, else the user's local application data folder
/// (<c>~/.local/share/ecrm-sample</c> on Linux), file <c>ecrm.db</c>.
/// </summary>
internal sealed record StoreChoice(string Kind, string? Location)
{
    public static string DefaultPath =>
        Path.Combine(
            Environment.GetEnvironmentVariable("ECRM_SAMPLE_DATA") is { Length: > 0 } folder
                ? folder
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "ecrm-sample"),
            "ecrm.db");

    public static StoreChoice Parse(string? text)
    {
        if (text is null)
        {
            return new StoreChoice("sqlite", DefaultPath);
        }

        if (text == "memory")
        {
            return new StoreChoice("memory", null);
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var (kind, location) = colon < 0 ? (text, string.Empty) : (text[..colon], text[(colon + 1)..]);
        return kind switch
        {
            "sqlite" when location.Length > 0 => new StoreChoice("sqlite", Path.GetFullPath(location)),
            "postgres" when location.Length > 0 => new StoreChoice("postgres", location),
            _ => throw new UsageException($"--store expects sqlite:PATH, postgres:CONNECTION or memory; received '{text}'."),
        };
    }
}
