using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;

namespace Ecrm.Weibo;

/// <summary>
/// Keeps the cursors in a small text file (<c>timeline=id</c> per line), replaced atomically: written to a temporary
/// file, flushed to disk, then renamed over the old one, so a crash leaves either the old or the new cursors.
/// </summary>
public sealed class FileWeiboCursorStore : IWeiboCursorStore
{
    private readonly string _path;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Initializes the store on the file named by <see cref="WeiboOptions.CursorFile"/>.</summary>
    /// <param name="options">The options.</param>
    /// <exception cref="EcrmException">No file is configured.</exception>
    public FileWeiboCursorStore(IOptions<WeiboOptions> options)
        : this(options?.Value.CursorFile ?? throw new EcrmException("WeiboOptions.CursorFile: expected a file for the cursors (or register an IWeiboCursorStore), received none."))
    {
    }

    /// <summary>Initializes the store on a file (created on the first save).</summary>
    /// <param name="path">The file.</param>
    public FileWeiboCursorStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _path = Path.GetFullPath(path);
    }

    /// <inheritdoc />
    public async ValueTask<long> LoadAsync(WeiboTimeline timeline, CancellationToken cancellationToken = default) =>
        (await ReadAllAsync(cancellationToken).ConfigureAwait(false)).GetValueOrDefault(timeline);

    /// <inheritdoc />
    public async ValueTask SaveAsync(WeiboTimeline timeline, long sinceId, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var all = await ReadAllAsync(cancellationToken).ConfigureAwait(false);
            all[timeline] = sinceId;
            Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
            var temporary = _path + ".tmp";
            var text = string.Concat(all.OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value.ToString(CultureInfo.InvariantCulture)}\n"));
            await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
            {
                await file.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, _path, overwrite: true);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<Dictionary<WeiboTimeline, long>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var all = new Dictionary<WeiboTimeline, long>();
        if (!File.Exists(_path))
        {
            return all;
        }

        foreach (var line in await File.ReadAllLinesAsync(_path, cancellationToken).ConfigureAwait(false))
        {
            var parts = line.Split('=', 2);
            if (parts.Length == 2 && Enum.TryParse<WeiboTimeline>(parts[0], out var timeline)
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                all[timeline] = id;
            }
            else if (line.Length > 0)
            {
                throw new EcrmException($"Weibo cursor file {_path}: expected lines 'Timeline=id', received '{line}'.");
            }
        }

        return all;
    }
}
