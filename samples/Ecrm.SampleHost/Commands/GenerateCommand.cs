using System.Globalization;
using Ecrm.SampleData;
using Ecrm.Serialization;

namespace Ecrm.SampleHost.Commands;

/// <summary><c>generate --customers N --out FILE.jsonl [--seed S]</c>: writes a seeded data set as JSON Lines.</summary>
internal static class GenerateCommand
{
    public static async Task<int> RunAsync(CommandLine line, HostConsole console, CancellationToken cancellationToken)
    {
        var people = line.Int("customers", 0, 1, 10_000_000);
        if (people == 0)
        {
            throw new UsageException("'generate' needs --customers N.");
        }

        var path = line.Required("out");
        var seed = line.Int("seed", DemoCommand.DefaultSeed, 0, int.MaxValue);
        line.EnsureAllUsed();

        var events = new SampleDataGenerator(seed, checkoutConsent: true).Generate(people);
        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (directory is not null)
            {
                Directory.CreateDirectory(directory);
            }

            await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            await EventJsonLines.WriteAsync(file, events, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot write '{path}': {ex.Message}");
        }

        await console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Wrote {events.Count:N0} events of {people:N0} people to {path} (seed {seed})."));
        return 0;
    }
}
