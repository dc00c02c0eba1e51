namespace Ecrm.Weibo;

/// <summary>The Weibo timelines the poller reads (spec §3.2); each only returns content involving the authorising user.</summary>
public enum WeiboTimeline
{
    /// <summary><c>2/comments/to_me.json</c>: comments on the account's posts → <c>comment</c> events.</summary>
    CommentsToMe,

    /// <summary><c>2/comments/mentions.json</c>: comments that @-mention the account → <c>mention</c> events.</summary>
    CommentMentions,

    /// <summary><c>2/statuses/mentions.json</c>: posts that @-mention the account → <c>mention</c>, or <c>repost</c> for reposts.</summary>
    StatusMentions,
}
