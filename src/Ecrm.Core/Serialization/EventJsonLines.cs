using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Ecrm.Serialization;

/// <summary>
/// Reads and writes events as JSON Lines (one JSON object per line, UTF-8), the exchange format of the SDK and its
/// sample host. Reading is defensive: a line longer than <see cref="MaxLineBytes"/> or malformed is reported with its
/// line number and skipped, and reading goes on with the next line.
/// </summary>
public static class EventJsonLines
{
    /// <summary>The longest line accepted, in bytes (1 MiB).</summary>
    public const int MaxLineBytes = 1 << 20;

    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false, Encoder = EcrmJsonContext.Readable.Options.Encoder };

    /// <summary>Serialises one event to a single line of JSON (no trailing newline).</summary>
    /// <param name="e">The event.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize(CustomerEvent e) => System.Text.Encoding.UTF8.GetString(SerializeToUtf8Bytes(e));

    /// <summary>Serialises one event to UTF-8 JSON (no trailing newline): the bytes of <see cref="Serialize(CustomerEvent)"/>.</summary>
    /// <param name="e">The event.</param>
    /// <returns>The UTF-8 JSON.</returns>
    public static byte[] SerializeToUtf8Bytes(CustomerEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, e);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Writes one event as a JSON value into a writer, as <see cref="JsonSerializer"/> with
    /// <see cref="EcrmJsonContext"/> would, byte for byte (strings escaped by the writer's encoder).
    /// </summary>
    /// <param name="writer">The writer.</param>
    /// <param name="e">The event.</param>
    public static void Write(Utf8JsonWriter writer, CustomerEvent e)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(e);
        if (EventJsonWriter.TryWrite(writer, e))
        {
            writer.Flush(); // as the serializer does: a writer over a buffer holds nothing until flushed
        }
        else
        {
            JsonSerializer.Serialize(writer, e, EcrmJsonContext.Readable.CustomerEvent);
        }
    }

    /// <summary>Parses one line of JSON into an event.</summary>
    /// <param name="utf8Json">The line, UTF-8.</param>
    /// <returns>The event.</returns>
    /// <exception cref="JsonException">The text is not a valid event object.</exception>
    public static CustomerEvent Deserialize(ReadOnlySpan<byte> utf8Json)
        => EventJsonReader.TryRead(utf8Json) // the SDK's own shape, read directly; anything else as the serializer reads it
           ?? JsonSerializer.Deserialize(utf8Json, EcrmJsonContext.Default.CustomerEvent)
           ?? throw new JsonException("Expected an event object, received null.");

    /// <summary>Writes events as JSON Lines.</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="events">The events.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when all events are written and flushed.</returns>
    public static async Task WriteAsync(Stream stream, IEnumerable<CustomerEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(events);
        await using var writer = new Utf8JsonWriter(stream, WriterOptions);
        foreach (var e in events)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Write(writer, e);
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            writer.Reset();
            stream.WriteByte((byte)'\n');
        }

        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads events from JSON Lines, line by line. Blank lines are skipped; bad lines are reported, not thrown.</summary>
    /// <param name="stream">The source (UTF-8, optional BOM, LF or CRLF line ends).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>One entry per non-blank line, in file order.</returns>
    public static async IAsyncEnumerable<EventLine> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = new byte[1 << 16];
        int start = 0, end = 0;
        long lineNumber = 0;
        var skippingLongLine = false;
        var eof = false;
        var first = true;
        while (true)
        {
            var newline = Array.IndexOf(buffer, (byte)'\n', start, end - start);
            if (newline < 0 && !eof)
            {
                if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                }

                if (end == buffer.Length)
                {
                    if (buffer.Length >= MaxLineBytes)
                    {
                        // The line is too long: drop what we have and skip to its end.
                        if (!skippingLongLine)
                        {
                            skippingLongLine = true;
                            yield return new EventLine(lineNumber + 1, null, $"line {lineNumber + 1}: longer than {MaxLineBytes} bytes; skipped.");
                        }

                        end = 0;
                    }
                    else
                    {
                        Array.Resize(ref buffer, Math.Min(buffer.Length * 2, MaxLineBytes));
                    }
                }

                var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    eof = true;
                }

                end += read;
                continue;
            }

            var lineEnd = newline >= 0 ? newline : end;
            if (lineEnd == start && newline < 0)
            {
                yield break; // end of input
            }

            lineNumber++;
            var line = buffer.AsMemory(start, lineEnd - start);
            start = newline >= 0 ? newline + 1 : end;
            if (skippingLongLine)
            {
                skippingLongLine = false;
                continue;
            }

            if (first)
            {
                first = false;
                if (line.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
                {
                    line = line[3..];
                }
            }

            if (line.Length > 0 && line.Span[^1] == (byte)'\r')
            {
                line = line[..^1];
            }

            if (line.Span.Trim((ReadOnlySpan<byte>)[(byte)' ', (byte)'\t']).IsEmpty)
            {
                continue;
            }

            yield return ParseLine(lineNumber, line.Span);
        }
    }

    private static EventLine ParseLine(long lineNumber, ReadOnlySpan<byte> line)
    {
        try
        {
            return new EventLine(lineNumber, Deserialize(line), null);
        }
        catch (JsonException ex)
        {
            var where = ex.Path is { Length: > 1 } path ? $" at {path}" : string.Empty;
            return new EventLine(lineNumber, null, $"line {lineNumber}: malformed event{where}: {FirstSentence(ex.Message)}");
        }
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
