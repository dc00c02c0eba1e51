using System.Globalization;

namespace Ecrm.SampleHost;

/// <summary>A parsed command line: the command name and its <c>--name value</c> options.</summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, string> _options;
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    private CommandLine(string command, Dictionary<string, string> options)
    {
        Command = command;
        _options = options;
    }

    public string Command { get; }

    public static CommandLine Parse(string[] args)
    {
        var command = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "demo";
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = command == "demo" && (args.Length == 0 || args[0] != "demo") ? 0 : 1; i < args.Length; i++)
        {
            var name = args[i];
            if (!name.StartsWith("--", StringComparison.Ordinal) || name.Length < 3)
            {
                throw new UsageException($"expected an option like '--name value', received '{name}'.");
            }

            if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                throw new UsageException($"option '{name}' needs a value.");
            }

            if (!options.TryAdd(name[2..], args[++i]))
            {
                throw new UsageException($"option '{name}' is given twice.");
            }
        }

        return new CommandLine(command, options);
    }

    public string? Optional(string name)
    {
        _used.Add(name);
        return _options.GetValueOrDefault(name);
    }

    public string Required(string name)
        => Optional(name) ?? throw new UsageException($"'{Command}' needs --{name}.");

    public int Int(string name, int fallback, int min, int max)
    {
        var text = Optional(name);
        if (text is null)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new UsageException($"--{name} expects a whole number from {min} to {max}, received '{text}'.");
        }

        return value;
    }

    /// <summary>Fails on options the command did not read, so typos do not pass silently.</summary>
    public void EnsureAllUsed()
    {
        var unknown = _options.Keys.Where(k => !_used.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new UsageException($"'{Command}' does not take {string.Join(", ", unknown.Select(u => "--" + u))}.");
        }
    }
}

/// <summary>A command-line mistake: printed with the usage text, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
