using System.Text.Json.Serialization;
using Ecrm.Internal;
using Ecrm.Serialization;

namespace Ecrm;

/// <summary>
/// The channel an event came through: a WeChat official account, Weibo, the website, a shop, a physical store, ...
/// </summary>
/// <remarks>
/// An open set: the well-known values below have stable lowercase names used in JSON and on the command line, and
/// any other name made of lowercase letters, digits and inner hyphens is accepted as a custom value.
/// </remarks>
[JsonConverter(typeof(NameTokenJsonConverter<EventChannel>))]
public readonly record struct EventChannel : IComparable<EventChannel>, INameToken<EventChannel>
{
    private readonly string? _name;

    /// <summary>Creates a value from its name, validating it.</summary>
    /// <param name="name">The lowercase name, for example <c>wechat</c>.</param>
    /// <exception cref="TokenFormatException">The name is empty, too long or not lowercase letters, digits and hyphens.</exception>
    public EventChannel(string name) => _name = NameToken.Validate(name, "channel");

    /// <summary>Gets the stable lowercase name (empty for the default value).</summary>
    public string Name => _name ?? string.Empty;

    /// <summary>Gets a value indicating whether this is the uninitialised default value.</summary>
    public bool IsDefault => _name is null;

    /// <summary>Creates a value from its name, validating it.</summary>
    /// <param name="name">The lowercase name.</param>
    /// <returns>The value.</returns>
    public static EventChannel FromName(string name) => new(name);

    /// <inheritdoc />
    public int CompareTo(EventChannel other) => string.CompareOrdinal(_name, other._name);

    /// <inheritdoc />
    public override string ToString() => Name;

    private static EventChannel Known(string name) => new(NameToken.Known(name));

    /// <summary>A WeChat official account.</summary>
    public static EventChannel WeChat { get; } = Known("wechat");

    /// <summary>Weibo.</summary>
    public static EventChannel Weibo { get; } = Known("weibo");

    /// <summary>The company's website or app.</summary>
    public static EventChannel Web { get; } = Known("web");

    /// <summary>An online shop or marketplace (own mall, Taobao-style marketplaces).</summary>
    public static EventChannel Shop { get; } = Known("shop");

    /// <summary>A physical store.</summary>
    public static EventChannel Store { get; } = Known("store");

    /// <summary>E-mail (EDM).</summary>
    public static EventChannel Email { get; } = Known("email");

    /// <summary>SMS.</summary>
    public static EventChannel Sms { get; } = Known("sms");

    /// <summary>A call centre.</summary>
    public static EventChannel CallCentre { get; } = Known("call-centre");

    /// <summary>A survey.</summary>
    public static EventChannel Survey { get; } = Known("survey");
}
