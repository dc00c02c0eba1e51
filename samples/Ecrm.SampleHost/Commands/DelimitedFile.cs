using System.Text;

namespace Ecrm.SampleHost.Commands;

/// <summary>
/// Reads a header row and records from a CSV or TSV file. CSV follows RFC 4180: commas, double quotes around a field
/// that holds commas, quotes ("" inside) or line breaks; spaces around fields are trimmed. TSV splits lines on tabs
/// only, with no quoting (quotes are text). Either may end lines with CRLF or LF.
/// </summary>
internal static class DelimitedFile
{
    private const int MaxRecordLength = 1 << 20;

    /// <summary>Whether a path is read as TSV: by its extension, .tsv or .txt.</summary>
    public static bool IsTabSeparated(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".tsv" or ".txt";

    /// <summary>Reads the whole file.</summary>
    /// <returns>The header's column names and each record with the line it starts on.</returns>
    /// <exception cref="InputException">The file cannot be read, is empty, or has a record over 1 MiB or an unclosed quote.</exception>
    public static async Task<(List<string> Header, List<(int Line, string[] Values)> Rows)> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var tabs = IsTabSeparated(path);
        try
        {
            using var reader = new StreamReader(path, Encoding.UTF8);
            var records = new List<(int, string[])>();
            var line = 1;
            while (await (tabs ? ReadTsvAsync(reader, path, line, cancellationToken) : ReadCsvAsync(reader, path, line, cancellationToken)) is { } record)
            {
                if (record.Values is not [""])
                {
                    records.Add((line, record.Values));
                }

                line += record.Lines;
            }

            if (records.Count == 0)
            {
                throw new InputException($"{path}: expected a header line, the file is empty.");
            }

            return ([.. records[0].Item2], records.Skip(1).ToList());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot read '{path}': {ex.Message}");
        }
    }

    /// <summary>The index of a column, or a usage error naming the columns there are.</summary>
    public static int Column(List<string> header, string name, string option, string path)
    {
        var index = header.IndexOf(name);
        return index >= 0
            ? index
            : throw new UsageException($"{option} '{name}' is not a column of {path} (columns: {string.Join(", ", header)}).");
    }

    private static async Task<(string[] Values, int Lines)?> ReadTsvAsync(StreamReader reader, string path, int line, CancellationToken cancellationToken)
    {
        var text = await reader.ReadLineAsync(cancellationToken);
        if (text is null)
        {
            return null;
        }

        if (text.Length > MaxRecordLength)
        {
            throw new InputException($"{path} line {line}: expected at most {MaxRecordLength} characters, received {text.Length}.");
        }

        return (text.Split('\t'), 1);
    }

    private static async Task<(string[] Values, int Lines)?> ReadCsvAsync(StreamReader reader, string path, int line, CancellationToken cancellationToken)
    {
        var text = await reader.ReadLineAsync(cancellationToken);
        if (text is null)
        {
            return null;
        }

        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var lines = 1;
        var length = 0;
        while (true)
        {
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else if (c == '"')
                    {
                        quoted = false;
                    }
                    else
                    {
                        field.Append(c);
                    }
                }
                else if (c == '"' && field.ToString().Trim().Length == 0)
                {
                    field.Clear();
                    quoted = true;
                }
                else if (c == ',')
                {
                    fields.Add(field.ToString().Trim());
                    field.Clear();
                }
                else
                {
                    field.Append(c);
                }
            }

            length += text.Length;
            if (!quoted)
            {
                break;
            }

            // A quoted field goes on over a line break.
            text = await reader.ReadLineAsync(cancellationToken);
            if (text is null || length > MaxRecordLength)
            {
                throw new InputException($"{path} line {line}: expected a closing double quote {(text is null ? "before the end of the file" : $"within {MaxRecordLength} characters")}.");
            }

            field.Append('\n');
            lines++;
        }

        fields.Add(field.ToString().Trim());
        return ([.. fields], lines);
    }
}
