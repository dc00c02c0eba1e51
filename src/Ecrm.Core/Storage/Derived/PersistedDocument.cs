using System.Text.Json;

namespace Ecrm.Storage;

/// <summary>
/// One derived-state document of a store as a process reads it: parsed once and again after a given interval (another
/// process may have written a newer one), written whole. Nothing (null) when the store keeps no derived state, has no
/// such document, or holds one this process cannot use (another format, other options, unreadable bytes: reported to
/// <paramref name="unreadable"/>).
/// </summary>
/// <typeparam name="T">The parsed document.</typeparam>
internal sealed class PersistedDocument<T>(CustomerStore store, string name, Func<DerivedState, T?> parse, TimeSpan rereadAfter, TimeProvider time, Action<string> unreadable)
    where T : class
{
    private readonly IDerivedStateStore? _derived = store as IDerivedStateStore;
    private readonly SemaphoreSlim _reading = new(1, 1);
    private volatile Cached? _cached;

    /// <summary>Gets the store's derived state, or null when it keeps none.</summary>
    public IDerivedStateStore? Store => _derived;

    /// <summary>The document, parsed (null when there is none this process can use).</summary>
    public async ValueTask<T?> ReadAsync(CancellationToken cancellationToken)
    {
        if (_derived is null)
        {
            return null;
        }

        if (Fresh() is { } cached)
        {
            return cached.Value;
        }

        await _reading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Fresh() is { } again)
            {
                return again.Value;
            }

            T? value = null;
            if (await _derived.ReadDerivedStateAsync(name, cancellationToken).ConfigureAwait(false) is { } state)
            {
                try
                {
                    value = parse(state);
                }
                catch (JsonException ex)
                {
                    unreadable(ex.Message);
                }
            }

            _cached = new Cached(value, time.GetUtcNow());
            return value;
        }
        finally
        {
            _reading.Release();
        }
    }

    /// <summary>
    /// Writes the document (and its per-customer values), unless an erasure happened since the data it derives from was
    /// read; a written document is what this process reads next. False when nothing was written.
    /// </summary>
    public async ValueTask<bool> WriteAsync(T value, DerivedState state, IReadOnlyCollection<KeyValuePair<string, double>> values, int erasuresSeen, CancellationToken cancellationToken)
    {
        if (_derived is null || !await _derived.WriteDerivedStateAsync(state, values, erasuresSeen, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        _cached = new Cached(value, time.GetUtcNow());
        return true;
    }

    /// <summary>Drops what was read, so that the next read asks the store (after an erasure, which removes every document).</summary>
    public void Forget() => _cached = null;

    private Cached? Fresh()
        => _cached is { } c && time.GetUtcNow() - c.ReadAt < rereadAfter ? c : null;

    private sealed record Cached(T? Value, DateTimeOffset ReadAt);
}
