using System.Globalization;
using System.Text.Json;

namespace Ecrm.Serialization;

/// <summary>
/// A direct reader of the event JSON the SDK writes: every property in the wire schema, in any order, without nulls.
/// It declines (returns null) on anything else: an unknown or repeated property, a null, a token of an unexpected type,
/// a value that fails validation, malformed JSON. The caller then gives the text to <see cref="JsonSerializer"/>, whose
/// answer (an event, or the error it reports) stays the definition; this path only avoids its generic machinery for the
/// text the SDK itself writes (stored logs, JSON Lines files).
/// </summary>
internal static class EventJsonReader
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 32, CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false };

    /// <summary>The event a text holds, or null when the fast path declines it.</summary>
    public static CustomerEvent? TryRead(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8Json, Options);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject || ReadEvent(ref reader) is not { } e)
            {
                return null;
            }

            return reader.Read() ? null : e; // anything after the object: let the serializer say what
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or OverflowException or TokenFormatException or ArgumentException)
        {
            return null;
        }
    }

    private static CustomerEvent? ReadEvent(ref Utf8JsonReader reader)
    {
        string? id = null;
        EventChannel? channel = null;
        EventType? type = null;
        DateTimeOffset? occurredAt = null;
        List<Identity>? identities = null;
        ProfileAttributes? profile = null;
        EventProperties? properties = null;
        var seen = 0;
        while (Next(ref reader, ref seen, out var field))
        {
            switch (field)
            {
                case 0: id = String(ref reader); break;
                case 1: channel = NameCache<EventChannel>.Read(ref reader); break;
                case 2: type = NameCache<EventType>.Read(ref reader); break;
                case 3: occurredAt = reader.TokenType == JsonTokenType.String ? reader.GetDateTimeOffset() : null; break;
                case 4: identities = Identities(ref reader); break;
                case 5: profile = Profile(ref reader); break;
                case 6: properties = Properties(ref reader); break;
                default: return null;
            }

            if (field switch { 0 => id is null, 1 => channel is null, 2 => type is null, 3 => occurredAt is null, 4 => identities is null, 5 => profile is null, _ => properties is null })
            {
                return null;
            }
        }

        if (id is null || channel is null || type is null || occurredAt is null)
        {
            return null; // a required property missing: the serializer names it
        }

        return new CustomerEvent
        {
            Id = id,
            Channel = channel.Value,
            Type = type.Value,
            OccurredAt = occurredAt.Value,
            Identities = identities ?? [],
            Profile = profile,
            Properties = properties,
        };

        static int FieldOf(ref Utf8JsonReader r) =>
            r.ValueTextEquals("id"u8) ? 0 : r.ValueTextEquals("channel"u8) ? 1 : r.ValueTextEquals("type"u8) ? 2
            : r.ValueTextEquals("occurredAt"u8) ? 3 : r.ValueTextEquals("identities"u8) ? 4 : r.ValueTextEquals("profile"u8) ? 5
            : r.ValueTextEquals("properties"u8) ? 6 : -1;

        static bool Next(ref Utf8JsonReader r, ref int seen, out int field) => NextField(ref r, ref seen, out field, FieldOf);
    }

    private static List<Identity>? Identities(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return null;
        }

        var list = new List<Identity>(2);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (Identity(ref reader) is not { } identity)
            {
                return null;
            }

            list.Add(identity);
        }

        return list;
    }

    private static Identity? Identity(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        IdentityKind? kind = null;
        string? value = null, scope = null;
        var seen = 0;
        while (NextField(ref reader, ref seen, out var field, FieldOf))
        {
            switch (field)
            {
                case 0: kind = NameCache<IdentityKind>.Read(ref reader); if (kind is null) { return null; } break;
                case 1: scope = String(ref reader); if (scope is null) { return null; } break;
                case 2: value = String(ref reader); if (value is null) { return null; } break;
                default: return null;
            }
        }

        return kind is null || value is null ? null : new Identity(kind.Value, value, scope);

        static int FieldOf(ref Utf8JsonReader r) => r.ValueTextEquals("kind"u8) ? 0 : r.ValueTextEquals("scope"u8) ? 1 : r.ValueTextEquals("value"u8) ? 2 : -1;
    }

    private static ProfileAttributes? Profile(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        string? name = null, city = null, region = null, country = null, language = null;
        Gender? gender = null;
        DateOnly? birthDate = null;
        Dictionary<string, string>? custom = null;
        var seen = 0;
        while (NextField(ref reader, ref seen, out var field, FieldOf))
        {
            var ok = field switch
            {
                0 => (name = String(ref reader)) is not null,
                1 => (gender = GenderOf(ref reader)) is not null,
                2 => (birthDate = DateOf(ref reader)) is not null,
                3 => (city = String(ref reader)) is not null,
                4 => (region = String(ref reader)) is not null,
                5 => (country = String(ref reader)) is not null,
                6 => (language = String(ref reader)) is not null,
                7 => (custom = Custom(ref reader)) is not null,
                _ => false,
            };
            if (!ok)
            {
                return null;
            }
        }

        return new ProfileAttributes { Name = name, Gender = gender, BirthDate = birthDate, City = city, Region = region, Country = country, Language = language, Custom = custom };

        static int FieldOf(ref Utf8JsonReader r) =>
            r.ValueTextEquals("name"u8) ? 0 : r.ValueTextEquals("gender"u8) ? 1 : r.ValueTextEquals("birthDate"u8) ? 2
            : r.ValueTextEquals("city"u8) ? 3 : r.ValueTextEquals("region"u8) ? 4 : r.ValueTextEquals("country"u8) ? 5
            : r.ValueTextEquals("language"u8) ? 6 : r.ValueTextEquals("custom"u8) ? 7 : -1;
    }

    private static EventProperties? Properties(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        decimal? amount = null, rating = null;
        string? currency = null, orderId = null, text = null, targetPostId = null, campaignCode = null, sceneCode = null, url = null, storeId = null;
        List<LineItem>? lineItems = null;
        Identity? targetAuthor = null, referrer = null;
        long? followerCount = null;
        GeoLocation? location = null;
        Dictionary<string, string>? custom = null;
        var seen = 0;
        while (NextField(ref reader, ref seen, out var field, FieldOf))
        {
            var ok = field switch
            {
                0 => (amount = Decimal(ref reader)) is not null,
                1 => (currency = String(ref reader)) is not null,
                2 => (orderId = String(ref reader)) is not null,
                3 => (lineItems = LineItems(ref reader)) is not null,
                4 => (text = String(ref reader)) is not null,
                5 => (rating = Decimal(ref reader)) is not null,
                6 => (targetPostId = String(ref reader)) is not null,
                7 => (targetAuthor = Identity(ref reader)) is not null,
                8 => (referrer = Identity(ref reader)) is not null,
                9 => (followerCount = reader.TokenType == JsonTokenType.Number ? reader.GetInt64() : null) is not null,
                10 => (campaignCode = String(ref reader)) is not null,
                11 => (sceneCode = String(ref reader)) is not null,
                12 => (url = String(ref reader)) is not null,
                13 => (storeId = String(ref reader)) is not null,
                14 => (location = Location(ref reader)) is not null,
                15 => (custom = Custom(ref reader)) is not null,
                _ => false,
            };
            if (!ok)
            {
                return null;
            }
        }

        return new EventProperties
        {
            Amount = amount, Currency = currency, OrderId = orderId, LineItems = lineItems, Text = text, Rating = rating,
            TargetPostId = targetPostId, TargetAuthor = targetAuthor, Referrer = referrer, FollowerCount = followerCount,
            CampaignCode = campaignCode, SceneCode = sceneCode, Url = url, StoreId = storeId, Location = location, Custom = custom,
        };

        static int FieldOf(ref Utf8JsonReader r) =>
            r.ValueTextEquals("amount"u8) ? 0 : r.ValueTextEquals("currency"u8) ? 1 : r.ValueTextEquals("orderId"u8) ? 2
            : r.ValueTextEquals("lineItems"u8) ? 3 : r.ValueTextEquals("text"u8) ? 4 : r.ValueTextEquals("rating"u8) ? 5
            : r.ValueTextEquals("targetPostId"u8) ? 6 : r.ValueTextEquals("targetAuthor"u8) ? 7 : r.ValueTextEquals("referrer"u8) ? 8
            : r.ValueTextEquals("followerCount"u8) ? 9 : r.ValueTextEquals("campaignCode"u8) ? 10 : r.ValueTextEquals("sceneCode"u8) ? 11
            : r.ValueTextEquals("url"u8) ? 12 : r.ValueTextEquals("storeId"u8) ? 13 : r.ValueTextEquals("location"u8) ? 14
            : r.ValueTextEquals("custom"u8) ? 15 : -1;
    }

    private static List<LineItem>? LineItems(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return null;
        }

        var list = new List<LineItem>(1);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            string? sku = null, name = null, category = null;
            int? quantity = null;
            decimal? unitPrice = null;
            var seen = 0;
            while (NextField(ref reader, ref seen, out var field, FieldOf))
            {
                var ok = field switch
                {
                    0 => (sku = String(ref reader)) is not null,
                    1 => (name = String(ref reader)) is not null,
                    2 => (category = String(ref reader)) is not null,
                    3 => (quantity = reader.TokenType == JsonTokenType.Number ? reader.GetInt32() : null) is not null,
                    4 => (unitPrice = Decimal(ref reader)) is not null,
                    _ => false,
                };
                if (!ok)
                {
                    return null;
                }
            }

            if (sku is null)
            {
                return null;
            }

            list.Add(quantity is { } q
                ? new LineItem { Sku = sku, Name = name, Category = category, Quantity = q, UnitPrice = unitPrice ?? default }
                : new LineItem { Sku = sku, Name = name, Category = category, UnitPrice = unitPrice ?? default }); // the record's own default quantity
        }

        return list;

        static int FieldOf(ref Utf8JsonReader r) =>
            r.ValueTextEquals("sku"u8) ? 0 : r.ValueTextEquals("name"u8) ? 1 : r.ValueTextEquals("category"u8) ? 2
            : r.ValueTextEquals("quantity"u8) ? 3 : r.ValueTextEquals("unitPrice"u8) ? 4 : -1;
    }

    private static GeoLocation? Location(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        double? latitude = null, longitude = null;
        string? label = null;
        var seen = 0;
        while (NextField(ref reader, ref seen, out var field, FieldOf))
        {
            var ok = field switch
            {
                0 => (latitude = reader.TokenType == JsonTokenType.Number ? reader.GetDouble() : null) is not null,
                1 => (longitude = reader.TokenType == JsonTokenType.Number ? reader.GetDouble() : null) is not null,
                2 => (label = String(ref reader)) is not null,
                _ => false,
            };
            if (!ok)
            {
                return null;
            }
        }

        return new GeoLocation { Latitude = latitude ?? default, Longitude = longitude ?? default, Label = label };

        static int FieldOf(ref Utf8JsonReader r) =>
            r.ValueTextEquals("latitude"u8) ? 0 : r.ValueTextEquals("longitude"u8) ? 1 : r.ValueTextEquals("label"u8) ? 2 : -1;
    }

    private static Dictionary<string, string>? Custom(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        var custom = new Dictionary<string, string>(); // as the serializer makes it
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            if (!reader.Read() || String(ref reader) is not { } value || !custom.TryAdd(key, value))
            {
                return null; // a null value or a key twice: the serializer decides
            }
        }

        return reader.TokenType == JsonTokenType.EndObject ? custom : null;
    }

    /// <summary>
    /// Moves to the next property of an object and its value; false at the object's end. A property seen before, or one
    /// the schema does not have, is reported as field -1 (the caller declines).
    /// </summary>
    private static bool NextField(ref Utf8JsonReader reader, ref int seen, out int field, FieldOfName fieldOf)
    {
        if (!reader.Read() || reader.TokenType == JsonTokenType.EndObject)
        {
            field = -1;
            return false;
        }

        field = reader.TokenType == JsonTokenType.PropertyName ? fieldOf(ref reader) : -1;
        if (field >= 0)
        {
            var bit = 1 << field;
            field = (seen & bit) != 0 ? -1 : field;
            seen |= bit;
        }

        if (!reader.Read())
        {
            field = -1;
        }

        return true;
    }

    private static string? String(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.String ? reader.GetString() : null;

    private static decimal? Decimal(ref Utf8JsonReader reader) => reader.TokenType == JsonTokenType.Number ? reader.GetDecimal() : null;

    private static Gender? GenderOf(ref Utf8JsonReader reader) =>
        reader.TokenType != JsonTokenType.String ? null
        : reader.ValueTextEquals("female"u8) ? Gender.Female : reader.ValueTextEquals("male"u8) ? Gender.Male
        : reader.ValueTextEquals("other"u8) ? Gender.Other : reader.ValueTextEquals("unknown"u8) ? Gender.Unknown : null;

    /// <summary>A date as the serializer writes it (yyyy-MM-dd); anything else is the serializer's to judge.</summary>
    private static DateOnly? DateOf(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.ValueSpan.Length != 10)
        {
            return null;
        }

        Span<char> text = stackalloc char[10];
        for (var i = 0; i < 10; i++)
        {
            var b = reader.ValueSpan[i];
            if (b > 0x7F)
            {
                return null;
            }

            text[i] = (char)b;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
    }

    private delegate int FieldOfName(ref Utf8JsonReader reader);
}
