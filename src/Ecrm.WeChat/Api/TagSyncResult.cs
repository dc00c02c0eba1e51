namespace Ecrm.WeChat.Api;

/// <summary>What a tag synchronisation changed.</summary>
/// <param name="Tag">The tag (created when it did not exist).</param>
/// <param name="Added">Followers tagged.</param>
/// <param name="Removed">Followers untagged.</param>
/// <param name="Kept">Followers who already had the tag and keep it.</param>
public sealed record TagSyncResult(WeChatTag Tag, int Added, int Removed, int Kept);
