namespace Ecrm.WeChat.Api;

/// <summary>A user tag of the official account.</summary>
/// <param name="Id">WeChat's id (0, 1 and 2 are system tags).</param>
/// <param name="Name">The name (at most 30 characters).</param>
/// <param name="Count">How many followers carry it.</param>
public sealed record WeChatTag(int Id, string Name, int Count);
