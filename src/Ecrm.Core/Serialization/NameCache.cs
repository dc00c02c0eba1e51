using System.Text.Json;
using Ecrm.Internal;

namespace Ecrm.Serialization;

/// <summary>
/// The name tokens (channels, event types, identity kinds) a reader has met, by their UTF-8 bytes: a text names a
/// handful of them over and over, and a token is a pure function of its name, so the second and later readings of a name
/// need neither a new string nor its validation. At most <see cref="Capacity"/> names are kept (a hostile file cannot
/// grow it); others are read as they come.
/// </summary>
/// <typeparam name="T">The token type.</typeparam>
internal static class NameCache<T>
    where T : struct, INameToken<T>
{
    private const int Capacity = 64;
    private static readonly Lock Writing = new();
    private static (byte[] Utf8, T Token)[] entries = [];

    /// <summary>The token a string value names; null when the value is not a string. Throws when the name is invalid.</summary>
    public static T? Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return null;
        }

        var known = Volatile.Read(ref entries);
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            foreach (var (utf8, token) in known)
            {
                if (reader.ValueSpan.SequenceEqual(utf8))
                {
                    return token;
                }
            }
        }

        var name = reader.GetString()!;
        var read = T.FromName(name);
        if (known.Length < Capacity && !reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            var bytes = reader.ValueSpan.ToArray();
            lock (Writing)
            {
                var now = entries;
                if (now.Length < Capacity && !now.Any(e => e.Utf8.AsSpan().SequenceEqual(bytes)))
                {
                    Volatile.Write(ref entries, [.. now, (bytes, read)]);
                }
            }
        }

        return read;
    }
}
