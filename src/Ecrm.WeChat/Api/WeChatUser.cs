namespace Ecrm.WeChat.Api;

/// <summary>
/// What <c>/cgi-bin/user/info</c> tells about a follower (spec §2.6). Since 2021-12-27 WeChat no longer returns the
/// nickname, avatar, gender or location, so they are not here.
/// </summary>
/// <param name="OpenId">The openid.</param>
/// <param name="Subscribed">Whether the user follows the account (when not, WeChat returns nothing else).</param>
/// <param name="UnionId">The unionid, when the account is bound to an Open Platform account.</param>
/// <param name="SubscribedAt">When the user last followed.</param>
/// <param name="SubscribeScene">How they followed (<c>ADD_SCENE_QR_CODE</c>, <c>ADD_SCENE_SEARCH</c>, ...).</param>
/// <param name="QrScene">The QR scene (numeric id or string) when they followed by a parameterised QR code.</param>
/// <param name="TagIds">The account's tags on the user.</param>
/// <param name="Remark">The account's remark on the user.</param>
public sealed record WeChatUser(
    string OpenId,
    bool Subscribed,
    string? UnionId,
    DateTimeOffset? SubscribedAt,
    string? SubscribeScene,
    string? QrScene,
    IReadOnlyList<int> TagIds,
    string? Remark);
