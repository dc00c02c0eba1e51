using System.Text.Json.Serialization;
using Ecrm.Internal;
using Ecrm.Serialization;

namespace Ecrm;

/// <summary>
/// The kind of an identity: which namespace its value lives in (a phone number, a WeChat openid, a member card, ...).
/// </summary>
/// <remarks>
/// An open set: the well-known values below have stable lowercase names used in JSON and on the command line, and
/// any other name made of lowercase letters, digits and inner hyphens is accepted as a custom value.
/// </remarks>
[JsonConverter(typeof(NameTokenJsonConverter<IdentityKind>))]
public readonly record struct IdentityKind : IComparable<IdentityKind>, INameToken<IdentityKind>
{
    private readonly string? _name;

    /// <summary>Creates a value from its name, validating it.</summary>
    /// <param name="name">The lowercase name, for example <c>phone</c>.</param>
    /// <exception cref="TokenFormatException">The name is empty, too long or not lowercase letters, digits and hyphens.</exception>
    public IdentityKind(string name) => _name = NameToken.Validate(name, "identity kind");

    /// <summary>Gets the stable lowercase name (empty for the default value).</summary>
    public string Name => _name ?? string.Empty;

    /// <summary>Gets a value indicating whether this is the uninitialised default value.</summary>
    public bool IsDefault => _name is null;

    /// <summary>Creates a value from its name, validating it.</summary>
    /// <param name="name">The lowercase name.</param>
    /// <returns>The value.</returns>
    public static IdentityKind FromName(string name) => new(name);

    /// <inheritdoc />
    public int CompareTo(IdentityKind other) => string.CompareOrdinal(_name, other._name);

    /// <inheritdoc />
    public override string ToString() => Name;

    private static IdentityKind Known(string name) => new(NameToken.Known(name));

    /// <summary>A phone number, normalised to E.164 (<c>+8613800138000</c>).</summary>
    public static IdentityKind Phone { get; } = Known("phone");

    /// <summary>An e-mail address, trimmed and lower-cased.</summary>
    public static IdentityKind Email { get; } = Known("email");

    /// <summary>A WeChat openid; scoped to the official account's app id (the scope is required).</summary>
    public static IdentityKind WeChatOpenId { get; } = Known("wechat-openid");

    /// <summary>A WeChat unionid: the same person across all apps of one WeChat Open Platform account.</summary>
    public static IdentityKind WeChatUnionId { get; } = Known("wechat-unionid");

    /// <summary>A Weibo user id.</summary>
    public static IdentityKind WeiboUid { get; } = Known("weibo-uid");

    /// <summary>A loyalty member card number.</summary>
    public static IdentityKind MemberCard { get; } = Known("member-card");

    /// <summary>A buyer id on an online shop or marketplace; may be scoped to the shop.</summary>
    public static IdentityKind ShopBuyer { get; } = Known("shop-buyer");

    /// <summary>A device or cookie id: a weak identity that attaches to a customer but never merges two.</summary>
    public static IdentityKind Device { get; } = Known("device");

    /// <summary>Gets a value indicating whether the text form <c>kind:scope/value</c> carries a scope for this kind.</summary>
    /// <remarks>True for <c>wechat-openid</c> (scope = app id, required) and <c>shop-buyer</c> (scope = shop, optional).</remarks>
    public bool HasScopeInText => this == WeChatOpenId || this == ShopBuyer;
}
