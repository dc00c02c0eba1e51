using System.Text.Json.Serialization;
using Ecrm.Serialization;

namespace Ecrm;

/// <summary>
/// One identifier of a person in one namespace: a phone number, an e-mail address, a WeChat openid within an app, a
/// member card, ... Identities are the nodes of the customer graph.
/// </summary>
/// <remarks>
/// The text form is <c>kind:value</c>, or <c>kind:scope/value</c> for kinds that carry a scope in text
/// (<see cref="IdentityKind.HasScopeInText"/>), for example <c>phone:+8613800138000</c> or
/// <c>wechat-openid:wx5f3a9c1d2e4b6a70/oXyZ123</c>. Values are compared ordinally after normalisation
/// (see <see cref="IdentityNormalizer"/>).
/// </remarks>
[JsonConverter(typeof(IdentityJsonConverter))]
public readonly struct Identity : IEquatable<Identity>, IComparable<Identity>
{
    /// <summary>Creates an identity. The value is taken as given; ingestion normalises it.</summary>
    /// <param name="kind">The kind.</param>
    /// <param name="value">The value.</param>
    /// <param name="scope">The scope (the WeChat app id for <c>wechat-openid</c>), or <see langword="null"/>.</param>
    public Identity(IdentityKind kind, string value, string? scope = null)
    {
        Kind = kind;
        Value = value ?? throw new ArgumentNullException(nameof(value));
        Scope = string.IsNullOrEmpty(scope) ? null : scope;
    }

    /// <summary>Gets the kind.</summary>
    public IdentityKind Kind { get; }

    /// <summary>Gets the value.</summary>
    public string Value { get; }

    /// <summary>Gets the scope the value is unique within (the WeChat app id for openids), or <see langword="null"/>.</summary>
    public string? Scope { get; }

    /// <summary>Compares two identities by kind, scope and value (ordinal).</summary>
    public static bool operator ==(Identity left, Identity right) => left.Equals(right);

    /// <summary>Compares two identities by kind, scope and value (ordinal).</summary>
    public static bool operator !=(Identity left, Identity right) => !left.Equals(right);

    /// <summary>Creates a phone identity.</summary>
    /// <param name="phone">The phone number (normalised to E.164 on ingestion).</param>
    /// <returns>The identity.</returns>
    public static Identity Phone(string phone) => new(IdentityKind.Phone, phone);

    /// <summary>Creates an e-mail identity.</summary>
    /// <param name="email">The address (trimmed and lower-cased on ingestion).</param>
    /// <returns>The identity.</returns>
    public static Identity Email(string email) => new(IdentityKind.Email, email);

    /// <summary>Creates a WeChat openid identity, scoped to the official account's app id.</summary>
    /// <param name="appId">The app id of the official account (for example <c>wx5f3a9c1d2e4b6a70</c>).</param>
    /// <param name="openId">The openid.</param>
    /// <returns>The identity.</returns>
    public static Identity WeChatOpenId(string appId, string openId) => new(IdentityKind.WeChatOpenId, openId, appId);

    /// <summary>Creates a WeChat unionid identity.</summary>
    /// <param name="unionId">The unionid.</param>
    /// <returns>The identity.</returns>
    public static Identity WeChatUnionId(string unionId) => new(IdentityKind.WeChatUnionId, unionId);

    /// <summary>Creates a Weibo uid identity.</summary>
    /// <param name="uid">The Weibo user id.</param>
    /// <returns>The identity.</returns>
    public static Identity WeiboUid(string uid) => new(IdentityKind.WeiboUid, uid);

    /// <summary>Creates a member card identity.</summary>
    /// <param name="cardNumber">The card number.</param>
    /// <returns>The identity.</returns>
    public static Identity MemberCard(string cardNumber) => new(IdentityKind.MemberCard, cardNumber);

    /// <summary>Creates a shop buyer identity.</summary>
    /// <param name="buyerId">The buyer id on the shop.</param>
    /// <param name="shop">The shop or marketplace the id belongs to, or <see langword="null"/>.</param>
    /// <returns>The identity.</returns>
    public static Identity ShopBuyer(string buyerId, string? shop = null) => new(IdentityKind.ShopBuyer, buyerId, shop);

    /// <summary>Creates a device or cookie identity (weak: it never merges two customers).</summary>
    /// <param name="deviceId">The device or cookie id.</param>
    /// <returns>The identity.</returns>
    public static Identity Device(string deviceId) => new(IdentityKind.Device, deviceId);

    /// <summary>Parses the text form <c>kind:value</c> or <c>kind:scope/value</c>.</summary>
    /// <param name="text">The text, for example <c>phone:+8613800138000</c>.</param>
    /// <returns>The identity (not yet normalised).</returns>
    /// <exception cref="IdentityFormatException">The text has no kind, no value or an invalid kind.</exception>
    public static Identity Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == text.Length - 1)
        {
            throw new IdentityFormatException("text", $"expected 'kind:value' such as 'phone:+8613800138000', received '{text}'.");
        }

        IdentityKind kind;
        try
        {
            kind = new IdentityKind(text[..colon]);
        }
        catch (TokenFormatException ex)
        {
            throw new IdentityFormatException("kind", ex.Message);
        }

        var rest = text[(colon + 1)..];
        if (kind.HasScopeInText)
        {
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            if (slash > 0 && slash < rest.Length - 1)
            {
                return new Identity(kind, rest[(slash + 1)..], rest[..slash]);
            }
        }

        return new Identity(kind, rest);
    }

    /// <inheritdoc />
    public bool Equals(Identity other)
        => Kind.Equals(other.Kind)
           && string.Equals(Value, other.Value, StringComparison.Ordinal)
           && string.Equals(Scope, other.Scope, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Identity other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
        => HashCode.Combine(Kind, Value is null ? 0 : StringComparer.Ordinal.GetHashCode(Value), Scope is null ? 0 : StringComparer.Ordinal.GetHashCode(Scope));

    /// <inheritdoc />
    public int CompareTo(Identity other)
    {
        var c = Kind.CompareTo(other.Kind);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(Scope, other.Scope);
        return c != 0 ? c : string.CompareOrdinal(Value, other.Value);
    }

    /// <summary>Returns the text form <c>kind:value</c> or <c>kind:scope/value</c>.</summary>
    /// <returns>The text form.</returns>
    public override string ToString() => Scope is null ? $"{Kind.Name}:{Value}" : $"{Kind.Name}:{Scope}/{Value}";
}
