using System.Globalization;
using System.Text.Json;

namespace Ecrm.Serialization;

/// <summary>
/// Writes an event as the serializer does (<see cref="EcrmJsonContext"/>: camelCase names in declaration order, nulls
/// left out, tokens by name), byte for byte, through the same writer primitives, without its generic machinery. An
/// event it cannot write the same way (a gender outside the enumeration) is left to the serializer.
/// </summary>
internal static class EventJsonWriter
{
    /// <summary>Writes the event and returns true, or writes nothing and returns false.</summary>
    public static bool TryWrite(Utf8JsonWriter w, CustomerEvent e)
    {
        if ((e.Profile?.Gender is { } g && !Enum.IsDefined(g)) || e.Identities is null
            || e.Properties?.LineItems?.Contains(null!) == true)
        {
            return false; // the serializer writes an undefined gender as a number, and nulls where these hold objects
        }

        w.WriteStartObject();
        Text(w, "id"u8, e.Id); // required, yet a null is left out like any other
        w.WriteString("channel"u8, e.Channel.Name);
        w.WriteString("type"u8, e.Type.Name);
        w.WriteString("occurredAt"u8, e.OccurredAt);
        w.WriteStartArray("identities"u8);
        foreach (var identity in e.Identities)
        {
            Identity(w, identity);
        }

        w.WriteEndArray();
        if (e.Profile is { } p)
        {
            w.WriteStartObject("profile"u8);
            Text(w, "name"u8, p.Name);
            if (p.Gender is { } gender)
            {
                w.WriteString("gender"u8, GenderName(gender));
            }

            if (p.BirthDate is { } birth)
            {
                w.WriteString("birthDate"u8, birth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }

            Text(w, "city"u8, p.City);
            Text(w, "region"u8, p.Region);
            Text(w, "country"u8, p.Country);
            Text(w, "language"u8, p.Language);
            Custom(w, p.Custom);
            w.WriteEndObject();
        }

        if (e.Properties is { } props)
        {
            Properties(w, props);
        }

        w.WriteEndObject();
        return true;
    }

    private static void Properties(Utf8JsonWriter w, EventProperties p)
    {
        w.WriteStartObject("properties"u8);
        if (p.Amount is { } amount)
        {
            w.WriteNumber("amount"u8, amount);
        }

        Text(w, "currency"u8, p.Currency);
        Text(w, "orderId"u8, p.OrderId);
        if (p.LineItems is { } items)
        {
            w.WriteStartArray("lineItems"u8);
            foreach (var item in items)
            {
                w.WriteStartObject();
                Text(w, "sku"u8, item.Sku);
                Text(w, "name"u8, item.Name);
                Text(w, "category"u8, item.Category);
                w.WriteNumber("quantity"u8, item.Quantity);
                w.WriteNumber("unitPrice"u8, item.UnitPrice);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        Text(w, "text"u8, p.Text);
        if (p.Rating is { } rating)
        {
            w.WriteNumber("rating"u8, rating);
        }

        Text(w, "targetPostId"u8, p.TargetPostId);
        if (p.TargetAuthor is { } author)
        {
            w.WritePropertyName("targetAuthor"u8);
            Identity(w, author);
        }

        if (p.Referrer is { } referrer)
        {
            w.WritePropertyName("referrer"u8);
            Identity(w, referrer);
        }

        if (p.FollowerCount is { } followers)
        {
            w.WriteNumber("followerCount"u8, followers);
        }

        Text(w, "campaignCode"u8, p.CampaignCode);
        Text(w, "sceneCode"u8, p.SceneCode);
        Text(w, "url"u8, p.Url);
        Text(w, "storeId"u8, p.StoreId);
        if (p.Location is { } location)
        {
            w.WriteStartObject("location"u8);
            w.WriteNumber("latitude"u8, location.Latitude);
            w.WriteNumber("longitude"u8, location.Longitude);
            Text(w, "label"u8, location.Label);
            w.WriteEndObject();
        }

        Custom(w, p.Custom);
        w.WriteEndObject();
    }

    /// <summary>As <see cref="IdentityJsonConverter"/> writes it.</summary>
    private static void Identity(Utf8JsonWriter w, Identity identity)
    {
        w.WriteStartObject();
        w.WriteString("kind"u8, identity.Kind.Name);
        if (identity.Scope is not null)
        {
            w.WriteString("scope"u8, identity.Scope);
        }

        w.WriteString("value"u8, identity.Value);
        w.WriteEndObject();
    }

    private static void Text(Utf8JsonWriter w, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    /// <summary>A dictionary's entries in its own order; a null value is written (the serializer omits null properties, not entries).</summary>
    private static void Custom(Utf8JsonWriter w, IReadOnlyDictionary<string, string>? custom)
    {
        if (custom is null)
        {
            return;
        }

        w.WriteStartObject("custom"u8);
        foreach (var (key, value) in custom)
        {
            if (value is null)
            {
                w.WriteNull(key);
            }
            else
            {
                w.WriteString(key, value);
            }
        }

        w.WriteEndObject();
    }

    private static string GenderName(Gender gender) => gender switch
    {
        Gender.Female => "female",
        Gender.Male => "male",
        Gender.Other => "other",
        _ => "unknown",
    };
}
