using System.Text.Json;
using System.Text.Json.Serialization;
using Ecrm.Internal;

namespace Ecrm.Serialization;

/// <summary>Reads and writes an open token type (identity kind, channel, event type) as its lowercase name.</summary>
/// <typeparam name="T">The token type.</typeparam>
internal sealed class NameTokenJsonConverter<T> : JsonConverter<T>
    where T : struct, INameToken<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a string name for {typeof(T).Name}, received {reader.TokenType}.");
        }

        var name = reader.GetString()!;
        try
        {
            return T.FromName(name);
        }
        catch (TokenFormatException ex)
        {
            throw new JsonException(ex.Message, ex);
        }
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        => writer.WriteStringValue(value.Name);
}
