using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ecrm.Serialization;

/// <summary>Reads and writes an <see cref="Identity"/> as <c>{"kind":"...","scope":"...","value":"..."}</c>.</summary>
internal sealed class IdentityJsonConverter : JsonConverter<Identity>
{
    public override Identity Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Expected an identity object {{\"kind\":..,\"value\":..}}, received {reader.TokenType}.");
        }

        string? kind = null, value = null, scope = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                throw new JsonException("Expected a property name in an identity object.");
            }

            var name = reader.GetString();
            reader.Read();
            var text = reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString(),
                JsonTokenType.Null => null,
                JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan),
                _ => throw new JsonException($"Expected a string for identity property '{name}', received {reader.TokenType}."),
            };
            switch (name)
            {
                case "kind": kind = text; break;
                case "value": value = text; break;
                case "scope": scope = text; break;
                default: break; // unknown properties are ignored, as elsewhere in the event schema
            }
        }

        if (kind is null)
        {
            throw new JsonException("Expected an identity 'kind' such as \"phone\"; it was missing.");
        }

        if (value is null)
        {
            throw new JsonException($"Expected an identity 'value' for kind '{kind}'; it was missing.");
        }

        try
        {
            return new Identity(new IdentityKind(kind), value, scope);
        }
        catch (TokenFormatException ex)
        {
            throw new JsonException(ex.Message, ex);
        }
    }

    public override void Write(Utf8JsonWriter writer, Identity value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString("kind", value.Kind.Name);
        if (value.Scope is not null)
        {
            writer.WriteString("scope", value.Scope);
        }

        writer.WriteString("value", value.Value);
        writer.WriteEndObject();
    }
}
