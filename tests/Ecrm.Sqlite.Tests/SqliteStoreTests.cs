using System.Diagnostics;
using System.Text;
using Ecrm.Insights;
using Ecrm.Loyalty;
using Ecrm.SampleData;
using Ecrm.Storage.ConformanceTests;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using static Ecrm.Storage.ConformanceTests.EventFactory;

namespace Ecrm.Sqlite.Tests;

/// <summary>What only a file can show: reopening, locking, migrations, purged bytes after erasure, and SIGKILL.</summary>
public sealed class SqliteStoreTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static GraphHarness Open(string path) =>
        new(o => SqliteCustomerStore.OpenAsync(o, new SqliteStoreOptions { Path = path }).GetAwaiter().GetResult());

    [Fact]
    public async Task Reopening_RebuildsTheSameGraph_WithMergesUndosAndConflicts()
    {
        var path = _folder.NewFile();
        string before;
        await using (var h = Open(path))
        {
            await h.Graph.IngestBatchAsync(new SampleDataGenerator(7).Generate(300));
            await h.Graph.IngestAsync(Event("m1", 0, EventType.Follow, Phone(1)));
            await h.Graph.IngestAsync(Event("m2", 1, EventType.Follow, Email(1)));
            var merged = await h.Graph.IngestAsync(Event("m3", 2, EventType.Purchase, Phone(1), Email(1)));
            var merge = (await h.Graph.GetAsync(merged.CustomerId!))!.Merges.Single();
            await h.Graph.UndoMergeAsync(merge.Id);
            before = await GraphSnapshot.CaptureAsync(h);
            Assert.True(h.Store.Metadata.IsDurable);
            Assert.Equal(path, h.Store.Metadata.Location);
        }

        await using (var again = Open(path))
        {
            Assert.Equal(before, await GraphSnapshot.CaptureAsync(again));
            Assert.Equal(IngestStatus.Duplicate, (await again.Graph.IngestAsync(Event("m3", 2, EventType.Purchase, Phone(1), Email(1)))).Status);
        }
    }

    [Fact]
    public async Task ASecondOpenOfTheSameFile_FailsClearly()
    {
        var path = _folder.NewFile();
        await using var first = await SqliteCustomerStore.OpenAsync(new EcrmOptions(), new SqliteStoreOptions { Path = path });
        await first.ApplyAsync([Event("e1", 0, EventType.Follow, Phone(1))]);
        var ex = await Assert.ThrowsAsync<EcrmException>(async () => await SqliteCustomerStore.OpenAsync(new EcrmOptions(), new SqliteStoreOptions { Path = path, BusyTimeout = TimeSpan.FromMilliseconds(200) }));
        Assert.Contains("another process has it open", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOlderFile_IsMigratedForward_AndANewerOneRefused()
    {
        var path = _folder.NewFile();
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            foreach (var sql in SqliteSchema.Migrations[0])
            {
                SqliteSchema.Execute(connection, sql);
            }

            SqliteSchema.Execute(connection, "PRAGMA user_version = 1");
            var payload = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(Event("old", 0, EventType.Follow, Phone(5)), Serialization.EcrmJsonContext.Default.CustomerEvent);
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO ecrm_log (seq, event_id, occurred_at, payload) VALUES (1, 'old', 0, $p)";
            insert.Parameters.AddWithValue("$p", payload);
            insert.ExecuteNonQuery();
        }

        await using (var store = await SqliteCustomerStore.OpenAsync(new EcrmOptions(), new SqliteStoreOptions { Path = path }))
        {
            Assert.Equal(1, store.OpenedAtSchemaVersion);
            Assert.NotNull(await store.ResolveAsync(Phone(5)));
            Assert.Empty(await store.GetErasuresAsync()); // the table of version 2 exists
        }

        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            Assert.Equal((long)SqliteSchema.Current, SqliteSchema.Scalar(connection, "PRAGMA user_version"));
            Assert.Equal(1L, SqliteSchema.Scalar(connection, "SELECT seq FROM ecrm_index")); // the graph index of version 3, written by the opening
            SqliteSchema.Execute(connection, "PRAGMA user_version = 99");
        }

        var ex = await Assert.ThrowsAsync<EcrmException>(async () => await SqliteCustomerStore.OpenAsync(new EcrmOptions(), new SqliteStoreOptions { Path = path }));
        Assert.Contains("received version 99", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildingTheServices_TouchesNoFile_TheFirstOperationOpensIt()
    {
        var path = _folder.NewFile();
        var services = new ServiceCollection();
        services.AddEcrm().UseSqliteStore(path);
        await using var provider = services.BuildServiceProvider();
        var graph = provider.GetRequiredService<ICustomerGraph>();
        Assert.False(File.Exists(path), "the DI factory opened the file");

        await graph.IngestAsync(Event("e1", 0, EventType.Follow, Phone(1)));

        Assert.True(File.Exists(path));
        Assert.Equal(Storage.StoreOpenState.Open, (await graph.OpenAsync()).State);
    }

    [Fact]
    public async Task AfterErasure_ThePhoneAndEmailAreNowhereInTheFilesBytes()
    {
        var path = _folder.NewFile();
        var phone = Encoding.UTF8.GetBytes("13800000001");
        var email = Encoding.UTF8.GetBytes("user1@example.com");
        await using (var h = Open(path))
        {
            await h.Graph.IngestBatchAsync(new SampleDataGenerator(3).Generate(200));
            await h.Graph.IngestAsync(Event("p1", 0, EventType.Follow, Phone(1), Email(1)).With(profile: new ProfileAttributes { Name = "王小明" }));
            await h.Graph.IngestAsync(Event("p2", 1, EventType.Purchase, Phone(1)).With(properties: new EventProperties { Amount = 10m, Text = "user1@example.com 13800000001" }));
            await ((SqliteCustomerStore)h.Store).FlushIndexAsync(); // the graph index holds the identities too
            Assert.True(Contains(FileBytes(path), phone), "the test must see the number before erasure");
            await h.Privacy.EraseAsync((await h.Graph.ResolveAsync(Phone(1)))!, "dpo");

            // Still open, and the index already written anew: nothing in the file or its WAL (a crash here must not leave them).
            Assert.False(Contains(FileBytes(path), phone), "phone number in the open file after erasure");
            Assert.False(Contains(FileBytes(path), email), "e-mail in the open file after erasure");
        }

        var bytes = FileBytes(path);
        Assert.False(Contains(bytes, phone), "phone number still in the file");
        Assert.False(Contains(bytes, email), "e-mail still in the file");
        Assert.False(Contains(bytes, Encoding.UTF8.GetBytes("王小明")), "name still in the file");
        await using var reopened = Open(path);
        Assert.Single(await reopened.Privacy.GetErasuresAsync());
        Assert.Null(await reopened.Graph.ResolveAsync(Phone(1)));
    }

    [Fact]
    public async Task AfterErasureOfACustomerWhoseMergeWasUndone_TheirEmailIsNowhereInTheFilesBytes()
    {
        var path = _folder.NewFile();
        var email = Encoding.UTF8.GetBytes("user2@example.com");
        await using (var h = Open(path))
        {
            await h.Graph.IngestBatchAsync(new SampleDataGenerator(5).Generate(100));
            var a = await h.Graph.IngestAsync(Event("a", 0, EventType.Follow, Phone(1)));
            var b = await h.Graph.IngestAsync(Event("b", 1, EventType.Follow, Email(2)));
            await h.Graph.IngestAsync(Event("m", 2, EventType.Comment, Phone(1), Email(2))); // carries B's e-mail into A's history once undone
            await h.Graph.UndoMergeAsync(Assert.Single((await h.Graph.GetAsync(a.CustomerId!))!.Merges).Id);
            Assert.True(Contains(FileBytes(path), email), "the test must see the e-mail before erasure");
            await h.Privacy.EraseAsync(b.CustomerId!, "dpo");
        }

        Assert.False(Contains(FileBytes(path), email), "e-mail still in the file");
        await using var reopened = Open(path);
        Assert.Null(await reopened.Graph.ResolveAsync(Email(2)));
        Assert.NotNull(await reopened.Graph.ResolveAsync(Phone(1)));
    }

    [Fact]
    public async Task AfterErasureOfACustomerKeptApartByAnUndoOnAWorkingSet_TheirEmailIsNowhereInTheFilesBytes()
    {
        var path = _folder.NewFile();
        var email = Encoding.UTF8.GetBytes("user2@example.com");
        string mergeId;
        string erased;
        await using (var h = Open(path))
        {
            await h.Graph.IngestBatchAsync(new SampleDataGenerator(5).Generate(100));
            var a = await h.Graph.IngestAsync(Event("a", 0, EventType.Follow, Phone(1)));
            erased = (await h.Graph.IngestAsync(Event("b", 1, EventType.Follow, Email(2)))).CustomerId!;
            await h.Graph.IngestAsync(Event("m", 2, EventType.Comment, Phone(1), Email(2)));
            mergeId = Assert.Single((await h.Graph.GetAsync(a.CustomerId!))!.Merges).Id;
        }

        await using (var h = Open(path))
        {
            await h.Graph.OpenAsync();
            await h.Graph.UndoMergeAsync(mergeId); // on a working set: the pairs it keeps apart are committed with it
            Assert.True(((SqliteCustomerStore)h.Store).ReadsFromIndex);
        }

        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            Assert.True((long)SqliteSchema.Scalar(connection, "SELECT count(*) FROM ecrm_kept_apart WHERE value = 'user2@example.com'")! > 0, "the test must see the e-mail among the kept-apart pairs");
        }

        await using (var h = Open(path))
        {
            await h.Privacy.EraseAsync(erased, "dpo");
        }

        Assert.False(Contains(FileBytes(path), email), "e-mail still in the file");
        await using var reopened = Open(path);
        Assert.Null(await reopened.Graph.ResolveAsync(Email(2)));
        Assert.NotNull(await reopened.Graph.ResolveAsync(Phone(1)));
    }

    [Fact]
    public async Task KilledInTheMiddleOfIngestion_KeepsEveryAcknowledgedBatch_AndNoHalfBatch()
    {
        const int BatchSize = 250;
        var path = _folder.NewFile();
        var helper = Path.Combine(AppContext.BaseDirectory, "Ecrm.Sqlite.CrashHelper.dll");
        var start = new ProcessStartInfo("dotnet", ["exec", helper, path, "3000", BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var lastSeen = -1;
        using (var child = Process.Start(start)!)
        {
            while (await child.StandardOutput.ReadLineAsync() is { } line)
            {
                if (line.StartsWith("acked ", StringComparison.Ordinal))
                {
                    lastSeen = int.Parse(line[6..], System.Globalization.CultureInfo.InvariantCulture);
                }

                if (lastSeen >= 8 || line == "done")
                {
                    break;
                }
            }

            child.Kill(); // SIGKILL on Unix: no clean-up, no flush
            await child.WaitForExitAsync();
            Assert.True(lastSeen >= 8, $"the child acknowledged only {lastSeen + 1} batches: {await child.StandardError.ReadToEndAsync()}");
        }

        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            Assert.Equal("ok", SqliteSchema.Scalar(connection, "PRAGMA integrity_check"));
        }

        var batches = new SampleDataGenerator().Generate(3000).Chunk(BatchSize).ToList();
        var services = new ServiceCollection();
        services.AddEcrm().UseSqliteStore(path).AddInsights(o => o.Loyalty.Rules.Add(new LoyaltyRule { Name = "spend", EventType = EventType.Purchase, PointsPerUnit = 1 }));
        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<Ecrm.Storage.CustomerStore>();
        var seenBefore = new HashSet<string>(StringComparer.Ordinal);
        var present = new List<bool>();
        foreach (var batch in batches)
        {
            var own = batch.Select(e => e.Id).Where(id => !seenBefore.Contains(id)).Distinct().ToList();
            var found = 0;
            foreach (var id in own)
            {
                found += await store.GetEventAsync(id) is null ? 0 : 1;
            }

            Assert.True(found == 0 || found == own.Count, $"batch {present.Count}: {found} of {own.Count} events present (half-written)");
            present.Add(found > 0);
            seenBefore.UnionWith(own);
        }

        var committed = present.TakeWhile(p => p).Count();
        Assert.True(committed > lastSeen, $"only {committed} batches present, {lastSeen + 1} were acknowledged");
        Assert.All(present.Skip(committed), p => Assert.False(p)); // committed batches form a prefix

        var loyalty = provider.GetRequiredService<ILoyaltyProgram>();
        var checkedAccounts = 0;
        await foreach (var profile in store.ScanCustomersAsync())
        {
            if (profile.Counters.Orders > 0 && checkedAccounts++ < 200)
            {
                var account = (await loyalty.GetAccountAsync(profile.Id))!;
                Assert.Equal(account.Entries.Sum(e => e.Points), account.Balance);
            }
        }

        Assert.True(checkedAccounts > 10);
    }

    [Fact]
    public void Options_AreValidated()
    {
        Assert.Throws<EcrmException>(() => new ServiceCollection().AddEcrm().UseSqliteStore(o => o.Path = " "));
        Assert.Throws<EcrmException>(() => new ServiceCollection().AddEcrm().UseSqliteStore(o =>
        {
            o.Path = "x.db";
            o.BusyTimeout = TimeSpan.FromHours(1);
        }));
    }

    private static byte[] FileBytes(string path)
    {
        var all = new List<byte>();
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            if (File.Exists(file))
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                all.AddRange(copy.ToArray());
            }
        }

        return [.. all];
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
