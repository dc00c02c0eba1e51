using System.Text;
using Ecrm.Serialization;

namespace Ecrm.SampleHost.Tests;

/// <summary>
/// A temporary SQLite store holding two customers, ingested through the host from a JSON Lines file: Alice (an
/// e-mail address and a phone, two purchases) and Bob (an e-mail address, one purchase).
/// </summary>
internal sealed class SmallSqliteStore : IDisposable
{
    public const string AliceEmail = "alice.erase@example.com";
    public const string AlicePhone = "+8613800138001";
    public const string BobEmail = "bob.keeps@example.com";

    private SmallSqliteStore(string dir)
    {
        Directory = dir;
        Path = System.IO.Path.Combine(dir, "ecrm.db");
    }

    /// <summary>Gets the folder of the store and the events file.</summary>
    public string Directory { get; }

    /// <summary>Gets the SQLite file.</summary>
    public string Path { get; }

    /// <summary>Gets the <c>--store</c> value.</summary>
    public string Store => "sqlite:" + Path;

    /// <summary>Creates an empty store (nothing ingested; the file is created by the first command).</summary>
    public static SmallSqliteStore Empty() => new(System.IO.Directory.CreateTempSubdirectory("ecrm-sample-store-").FullName);

    /// <summary>Creates the store and ingests the two customers with <c>ingest --events</c>.</summary>
    public static async Task<SmallSqliteStore> WithTwoCustomersAsync()
    {
        var store = Empty();
        var events = System.IO.Path.Combine(store.Directory, "events.jsonl");
        await File.WriteAllLinesAsync(events,
        [
            Purchase("alice-1", 1, 120m, Identity.Email(AliceEmail), Identity.Phone("13800138001")),
            Purchase("alice-2", 2, 35m, Identity.Phone("13800138001")),
            Purchase("bob-1", 3, 60m, Identity.Email(BobEmail)),
        ]);
        var (code, _, error) = await store.RunAsync("ingest", "--events", events);
        Assert.True(code == 0, error);
        return store;
    }

    /// <summary>Runs a command of the host on this store.</summary>
    public Task<(int Code, string Output, string Error)> RunAsync(params string[] args) => HostRunner.RunAsync([.. args, "--store", Store]);

    /// <summary>Whether the store's files (the database and its write-ahead log, if any) hold the UTF-8 bytes of a text.</summary>
    public bool FilesContain(string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        return new[] { Path, Path + "-wal", Path + "-journal" }
            .Where(File.Exists)
            .Any(file => File.ReadAllBytes(file).AsSpan().IndexOf(needle) >= 0);
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private static string Purchase(string id, int day, decimal amount, params Identity[] identities)
        => EventJsonLines.Serialize(new CustomerEvent
        {
            Id = id,
            Channel = EventChannel.Shop,
            Type = EventType.Purchase,
            OccurredAt = new DateTimeOffset(2026, 3, day, 10, 0, 0, TimeSpan.Zero),
            Identities = identities,
            Properties = new EventProperties { Amount = amount },
        });
}
