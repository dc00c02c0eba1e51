using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Ecrm.Serialization;

namespace Ecrm.Benchmarks;

/// <summary>
/// Event JSON as stores and JSON Lines files use it: 2,000 seeded events written into a reused buffer (what the SQLite
/// log writer does for each event) and read back from their UTF-8 lines (what opening a store and reading a file do),
/// by the source-generated serializer (the baseline: the same bytes, the same events) and by the SDK's direct codec.
/// </summary>
[BenchmarkCategory("serialization")]
[GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class EventJsonBenchmarks
{
    private const int Events = 2_000;
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private CustomerEvent[] _events = [];
    private byte[][] _lines = [];
    private Utf8JsonWriter _writer = null!;

    [GlobalSetup]
    public void Setup()
    {
        _events = [.. SeededEvents.InArrivalLayout(Events).Take(Events)];
        _lines = [.. _events.Select(e => JsonSerializer.SerializeToUtf8Bytes(e, EcrmJsonContext.Readable.CustomerEvent))];
        _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = EcrmJsonContext.Readable.Options.Encoder });
        for (var i = 0; i < _events.Length; i++)
        {
            if (!EventJsonLines.SerializeToUtf8Bytes(_events[i]).AsSpan().SequenceEqual(_lines[i]))
            {
                throw new InvalidOperationException($"Event {_events[i].Id}: the direct writer's bytes differ from the serializer's.");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _writer.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = Events, Description = "Write one event (serializer)")]
    [BenchmarkCategory("write")]
    public long WriteWithSerializer()
    {
        long bytes = 0;
        foreach (var e in _events)
        {
            _buffer.ResetWrittenCount();
            _writer.Reset();
            JsonSerializer.Serialize(_writer, e, EcrmJsonContext.Readable.CustomerEvent);
            bytes += _buffer.WrittenCount;
        }

        return bytes;
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "Write one event (direct)")]
    [BenchmarkCategory("write")]
    public long WriteDirect()
    {
        long bytes = 0;
        foreach (var e in _events)
        {
            _buffer.ResetWrittenCount();
            _writer.Reset();
            EventJsonLines.Write(_writer, e);
            bytes += _buffer.WrittenCount;
        }

        return bytes;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Events, Description = "Read one event (serializer)")]
    [BenchmarkCategory("read")]
    public int ReadWithSerializer()
    {
        var identities = 0;
        foreach (var line in _lines)
        {
            identities += JsonSerializer.Deserialize(line, EcrmJsonContext.Default.CustomerEvent)!.Identities.Count;
        }

        return identities;
    }

    [Benchmark(OperationsPerInvoke = Events, Description = "Read one event (direct)")]
    [BenchmarkCategory("read")]
    public int ReadDirect()
    {
        var identities = 0;
        foreach (var line in _lines)
        {
            identities += EventJsonLines.Deserialize(line).Identities.Count;
        }

        return identities;
    }
}
