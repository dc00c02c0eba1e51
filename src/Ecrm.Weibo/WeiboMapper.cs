using System.Globalization;
using System.Text.Json;

namespace Ecrm.Weibo;

/// <summary>
/// Maps Weibo comments and statuses (spec §3.3) to canonical events: comments on the account's posts are
/// <c>comment</c>, comments and posts that @-mention it are <c>mention</c>, reposts are <c>repost</c> of the original
/// post and author. The author is a <c>weibo-uid</c> (from <c>idstr</c>) with their screen name, gender, region and
/// city, and the follower count that ranks alerts by reach. Event ids are <c>weibo:comment:ID</c> and
/// <c>weibo:status:ID</c>, so an item seen on two timelines, or polled twice, is one event.
/// </summary>
internal static class WeiboMapper
{
    private static readonly string[] CreatedAtFormats = ["ddd MMM dd HH:mm:ss zzz yyyy", "ddd MMM dd HH:mm:ss K yyyy"];

    public static long Id(JsonElement item) =>
        item.TryGetProperty("idstr", out var s) && long.TryParse(s.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id
        : item.TryGetProperty("id", out var n) && n.TryGetInt64(out var number) ? number
        : throw new EcrmException("Weibo item: expected an id or idstr, received neither.");

    public static CustomerEvent Map(JsonElement item, WeiboTimeline timeline)
    {
        var id = Id(item).ToString(CultureInfo.InvariantCulture);
        var user = item.TryGetProperty("user", out var u) && u.ValueKind == JsonValueKind.Object ? u : throw new EcrmException($"Weibo item {id}: expected a user, received none.");
        var isComment = timeline != WeiboTimeline.StatusMentions;
        var type = timeline switch
        {
            WeiboTimeline.CommentsToMe => EventType.Comment,
            WeiboTimeline.CommentMentions => EventType.Mention,
            _ => item.TryGetProperty("retweeted_status", out var r) && r.ValueKind == JsonValueKind.Object ? EventType.Repost : EventType.Mention,
        };
        var target = isComment
            ? (item.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.Object ? status : default)
            : (item.TryGetProperty("retweeted_status", out var original) && original.ValueKind == JsonValueKind.Object ? original : default);
        return new CustomerEvent
        {
            Id = $"weibo:{(isComment ? "comment" : "status")}:{id}",
            Channel = EventChannel.Weibo,
            Type = type,
            OccurredAt = CreatedAt(item, id),
            Identities = [Author(user, id)],
            Profile = Profile(user),
            Properties = new EventProperties
            {
                Text = Text(item, "text"),
                TargetPostId = target.ValueKind == JsonValueKind.Object ? Text(target, "idstr") ?? Text(target, "mid") : null,
                TargetAuthor = target.ValueKind == JsonValueKind.Object && target.TryGetProperty("user", out var author) && author.ValueKind == JsonValueKind.Object
                    ? Author(author, id)
                    : null,
                FollowerCount = user.TryGetProperty("followers_count", out var followers) && followers.TryGetInt64(out var count) ? count : null,
            },
        };
    }

    private static Identity Author(JsonElement user, string itemId) =>
        Identity.WeiboUid(Text(user, "idstr")
            ?? (user.TryGetProperty("id", out var id) && id.TryGetInt64(out var n) ? n.ToString(CultureInfo.InvariantCulture) : null)
            ?? throw new EcrmException($"Weibo item {itemId}: expected the user's id or idstr, received neither."));

    private static ProfileAttributes Profile(JsonElement user)
    {
        var location = Text(user, "location")?.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
        return new ProfileAttributes
        {
            Name = Text(user, "screen_name") ?? Text(user, "name"),
            Gender = Text(user, "gender") switch { "m" => Gender.Male, "f" => Gender.Female, _ => null },
            Region = location is { Length: > 0 } && location[0] != "其他" ? location[0] : null,
            City = location is { Length: 2 } ? location[1] : null,
        };
    }

    private static DateTimeOffset CreatedAt(JsonElement item, string id)
    {
        var text = Text(item, "created_at");
        return text is not null && DateTimeOffset.TryParseExact(text, CreatedAtFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? at.ToUniversalTime()
            : throw new EcrmException($"Weibo item {id}: expected created_at like 'Tue May 31 17:46:55 +0800 2011', received '{text}'.");
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s ? s : null;
}
