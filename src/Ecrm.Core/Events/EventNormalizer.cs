using System.Globalization;

namespace Ecrm;

/// <summary>
/// Validates an event completely and returns its canonical form (UTC time, normalised and de-duplicated identities).
/// Nothing is stored before this succeeds, so a bad event never leaves partial state.
/// </summary>
internal sealed class EventNormalizer
{
    private const int MaxIdLength = 128;
    private const int MaxShortText = 512;
    private const int MaxCustomEntries = 64;
    private const int MaxLineItems = 1000;
    private readonly EcrmOptions _options;
    private readonly IdentityNormalizer _identities;
    private readonly TimeProvider _time;

    public EventNormalizer(EcrmOptions options, IdentityNormalizer identities, TimeProvider time)
    {
        _options = options;
        _identities = identities;
        _time = time;
    }

    /// <summary>The latest event time accepted now (the clock plus the allowed skew); read once per batch.</summary>
    public DateTimeOffset LatestAcceptedTime() => _time.GetUtcNow() + _options.MaxFutureSkew;

    /// <summary>
    /// Validates and normalises against a latest accepted time (<see cref="LatestAcceptedTime"/>, read once per batch);
    /// throws <see cref="EventValidationException"/> naming the first bad field.
    /// </summary>
    public CustomerEvent Normalize(CustomerEvent? e, DateTimeOffset latest)
    {
        if (e is null)
        {
            throw new EventValidationException(null, "$", "expected an event object, received null.");
        }

        var id = e.Id;
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new EventValidationException(null, "id", "expected a non-empty idempotency id, received none.");
        }

        if (id.Length > MaxIdLength || HasControl(id))
        {
            throw new EventValidationException(null, "id", $"expected at most {MaxIdLength} characters without control characters, received {id.Length} characters.");
        }

        if (e.Channel.IsDefault)
        {
            throw new EventValidationException(id, "channel", "expected a channel such as 'wechat', received none.");
        }

        if (e.Type.IsDefault)
        {
            throw new EventValidationException(id, "type", "expected an event type such as 'purchase', received none.");
        }

        var occurredAt = e.OccurredAt;
        if (occurredAt == default)
        {
            throw new EventValidationException(id, "occurredAt", "expected the UTC time the event happened, received none.");
        }

        if (occurredAt < _options.EarliestEventTime || occurredAt > latest)
        {
            throw new EventValidationException(id, "occurredAt", $"expected a time between {_options.EarliestEventTime:O} and {latest:O}, received {occurredAt:O}.");
        }

        var identities = NormalizeIdentities(id, e.Identities);
        ValidateProfile(id, e.Profile, latest);
        var properties = NormalizeProperties(id, e.Type, e.Properties);

        var utc = occurredAt.Offset == TimeSpan.Zero ? occurredAt : occurredAt.ToUniversalTime();
        if (ReferenceEquals(identities, e.Identities) && ReferenceEquals(properties, e.Properties) && utc.Equals(occurredAt) && occurredAt.Offset == TimeSpan.Zero)
        {
            return e;
        }

        return e with { OccurredAt = utc, Identities = identities, Properties = properties };
    }

    private IReadOnlyList<Identity> NormalizeIdentities(string id, IReadOnlyList<Identity>? list)
    {
        if (list is null || list.Count == 0)
        {
            throw new EventValidationException(id, "identities", "expected at least one identity (phone, email, wechat-openid, ...), received none.");
        }

        if (list.Count > _options.MaxIdentitiesPerEvent)
        {
            throw new EventValidationException(id, "identities", $"expected at most {_options.MaxIdentitiesPerEvent} identities, received {list.Count}.");
        }

        Identity[]? changed = null;
        var duplicates = false;
        for (var i = 0; i < list.Count; i++)
        {
            var n = NormalizeIdentity(id, "identities", i, list[i]);
            if (!n.Equals(list[i]) || !ReferenceEquals(n.Value, list[i].Value))
            {
                changed ??= [.. list];
                changed[i] = n;
            }

            for (var j = 0; j < i && !duplicates; j++)
            {
                duplicates = (changed is null ? list[j] : changed[j]).Equals(n);
            }
        }

        if (!duplicates)
        {
            return changed ?? list;
        }

        var distinct = new List<Identity>(list.Count);
        foreach (var identity in changed ?? (IEnumerable<Identity>)list)
        {
            if (!distinct.Contains(identity))
            {
                distinct.Add(identity);
            }
        }

        return distinct;
    }

    /// <summary>Normalises one identity; the field path is only formatted when there is an error to report.</summary>
    private Identity NormalizeIdentity(string id, string field, int index, Identity identity)
    {
        if (identity.Value is null)
        {
            throw new EventValidationException(id, FieldPath(field, index), "expected an identity with a kind and a value, received an empty one.");
        }

        try
        {
            return _identities.Normalize(identity);
        }
        catch (IdentityFormatException ex)
        {
            throw new EventValidationException(id, $"{FieldPath(field, index)}.{ex.Part}", ex.Problem);
        }
    }

    private static string FieldPath(string field, int index)
        => index < 0 ? field : string.Create(CultureInfo.InvariantCulture, $"{field}[{index}]");

    private static void ValidateProfile(string id, ProfileAttributes? p, DateTimeOffset latest)
    {
        if (p is null)
        {
            return;
        }

        CheckShort(id, "profile.name", p.Name);
        CheckShort(id, "profile.city", p.City);
        CheckShort(id, "profile.region", p.Region);
        CheckShort(id, "profile.country", p.Country);
        CheckShort(id, "profile.language", p.Language);
        if (p.Gender is { } g && !Enum.IsDefined(g))
        {
            throw new EventValidationException(id, "profile.gender", $"expected unknown, female, male or other, received {(int)g}.");
        }

        if (p.BirthDate is { } b && (b.Year < 1900 || b > DateOnly.FromDateTime(latest.UtcDateTime)))
        {
            throw new EventValidationException(id, "profile.birthDate", $"expected a date between 1900-01-01 and today, received {b:yyyy-MM-dd}.");
        }

        CheckCustom(id, "profile.custom", p.Custom);
    }

    private EventProperties? NormalizeProperties(string id, EventType type, EventProperties? p)
    {
        var needsAmount = type == EventType.Purchase || type == EventType.Refund;
        if (p is null)
        {
            return needsAmount
                ? throw new EventValidationException(id, "properties.amount", $"expected an amount for a '{type}' event, received none.")
                : null;
        }

        if (p.Amount is { } amount)
        {
            if (amount < 0 || amount > 1_000_000_000_000m)
            {
                throw new EventValidationException(id, "properties.amount", $"expected an amount from 0 to 1,000,000,000,000, received {amount}.");
            }
        }
        else if (needsAmount)
        {
            throw new EventValidationException(id, "properties.amount", $"expected an amount for a '{type}' event, received none.");
        }

        if (p.Currency is not null && !CurrencyCode.IsValid(p.Currency))
        {
            throw new EventValidationException(id, "properties.currency", $"expected a three-letter uppercase ISO 4217 code such as 'CNY', received '{p.Currency}'.");
        }

        if (p.Text is { } text && text.Length > _options.MaxTextLength)
        {
            throw new EventValidationException(id, "properties.text", $"expected at most {_options.MaxTextLength} characters, received {text.Length}.");
        }

        if (p.Rating is { } rating && (rating < 0 || rating > 5))
        {
            throw new EventValidationException(id, "properties.rating", $"expected a rating from 0 to 5, received {rating}.");
        }

        if (p.FollowerCount is < 0)
        {
            throw new EventValidationException(id, "properties.followerCount", $"expected a count of 0 or more, received {p.FollowerCount}.");
        }

        if (p.Location is { } loc && (!(loc.Latitude is >= -90 and <= 90) || !(loc.Longitude is >= -180 and <= 180)))
        {
            throw new EventValidationException(id, "properties.location", $"expected latitude -90..90 and longitude -180..180, received ({loc.Latitude}, {loc.Longitude}).");
        }

        CheckShort(id, "properties.orderId", p.OrderId);
        CheckShort(id, "properties.targetPostId", p.TargetPostId);
        CheckShort(id, "properties.campaignCode", p.CampaignCode);
        CheckShort(id, "properties.sceneCode", p.SceneCode);
        CheckShort(id, "properties.storeId", p.StoreId);
        CheckShort(id, "properties.location.label", p.Location?.Label);
        if (p.Url is { Length: > 4096 })
        {
            throw new EventValidationException(id, "properties.url", $"expected at most 4096 characters, received {p.Url.Length}.");
        }

        ValidateLineItems(id, p.LineItems);
        CheckCustom(id, "properties.custom", p.Custom);

        var author = p.TargetAuthor is { } a ? NormalizeIdentity(id, "properties.targetAuthor", -1, a) : (Identity?)null;
        var referrer = p.Referrer is { } r ? NormalizeIdentity(id, "properties.referrer", -1, r) : (Identity?)null;
        if (SameInstance(author, p.TargetAuthor) && SameInstance(referrer, p.Referrer))
        {
            return p;
        }

        return p with { TargetAuthor = author, Referrer = referrer };
    }

    private static void ValidateLineItems(string id, IReadOnlyList<LineItem>? items)
    {
        if (items is null)
        {
            return;
        }

        if (items.Count > MaxLineItems)
        {
            throw new EventValidationException(id, "properties.lineItems", $"expected at most {MaxLineItems} line items, received {items.Count}.");
        }

        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            string Field(string name) => $"{FieldPath("properties.lineItems", i)}.{name}";
            if (item is null || string.IsNullOrWhiteSpace(item.Sku))
            {
                throw new EventValidationException(id, Field("sku"), "expected a non-empty sku, received none.");
            }

            if (!IsShort(item.Sku) || !IsShort(item.Name) || !IsShort(item.Category))
            {
                var bad = !IsShort(item.Sku) ? "sku" : !IsShort(item.Name) ? "name" : "category";
                throw new EventValidationException(id, Field(bad), $"expected at most {MaxShortText} characters without control characters.");
            }

            if (item.Quantity < 1)
            {
                throw new EventValidationException(id, Field("quantity"), $"expected a quantity of at least 1, received {item.Quantity}.");
            }

            if (item.UnitPrice < 0)
            {
                throw new EventValidationException(id, Field("unitPrice"), $"expected a unit price of 0 or more, received {item.UnitPrice}.");
            }
        }
    }

    private static bool SameInstance(Identity? normalized, Identity? original)
        => normalized is null ? original is null : original is { } o && ReferenceEquals(o.Value, normalized.Value.Value) && ReferenceEquals(o.Scope, normalized.Value.Scope);

    private static bool IsShort(string? value) => value is null || (value.Length <= MaxShortText && !HasControl(value));

    private static void CheckShort(string id, string field, string? value)
    {
        if (!IsShort(value))
        {
            throw new EventValidationException(id, field, $"expected at most {MaxShortText} characters without control characters, received {value!.Length} characters.");
        }
    }

    private static void CheckCustom(string id, string field, IReadOnlyDictionary<string, string>? custom)
    {
        if (custom is null)
        {
            return;
        }

        if (custom.Count > MaxCustomEntries)
        {
            throw new EventValidationException(id, field, $"expected at most {MaxCustomEntries} entries, received {custom.Count}.");
        }

        foreach (var (key, value) in custom)
        {
            if (string.IsNullOrWhiteSpace(key) || key.Length > 64 || HasControl(key))
            {
                throw new EventValidationException(id, field, $"expected names of 1-64 characters, received '{key}'.");
            }

            if (value is null || value.Length > 4096)
            {
                throw new EventValidationException(id, $"{field}.{key}", "expected a text of at most 4096 characters.");
            }
        }
    }

    /// <summary>C0 and C1 control characters (U+0000-U+001F, U+007F-U+009F), vectorised.</summary>
    private static bool HasControl(string s) => Internal.ControlCharacters.Any(s);
}
