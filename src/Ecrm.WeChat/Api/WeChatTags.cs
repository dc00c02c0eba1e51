using System.Text.Json;
using Ecrm.Insights;
using Microsoft.Extensions.Logging;

namespace Ecrm.WeChat.Api;

/// <summary>
/// The account's user tags (spec §2.7), and segments synchronised to them: a tag then holds exactly the segment's
/// members who follow the account, so WeChat's own tools (menus, mass messages by tag) reach the segment.
/// </summary>
public sealed partial class WeChatTags
{
    /// <summary>The most openids <c>batchtagging</c> and <c>batchuntagging</c> take per call.</summary>
    public const int BatchSize = 50;

    private readonly WeChatApiClient _api;
    private readonly ICustomerGraph _graph;
    private readonly ICustomerInsights? _insights;
    private readonly ILogger _logger;

    /// <summary>Initializes the service.</summary>
    /// <param name="api">The API client.</param>
    /// <param name="graph">The customer graph (to find members' openids).</param>
    /// <param name="insights">The segments, when the host registered them (<c>AddInsights</c>).</param>
    /// <param name="logger">The logger.</param>
    public WeChatTags(WeChatApiClient api, ICustomerGraph graph, ICustomerInsights? insights = null, ILogger<WeChatTags>? logger = null)
    {
        _api = api ?? throw new ArgumentNullException(nameof(api));
        _graph = graph ?? throw new ArgumentNullException(nameof(graph));
        _insights = insights;
        _logger = logger ?? (ILogger)Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
    }

    /// <summary>Lists the account's tags.</summary>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The tags.</returns>
    /// <exception cref="WeChatApiException">WeChat answered an error, or could not be reached.</exception>
    public async Task<IReadOnlyList<WeChatTag>> GetTagsAsync(CancellationToken cancellationToken = default)
    {
        using var answer = await _api.RequireAsync(HttpMethod.Get, "cgi-bin/tags/get", null, null, cancellationToken).ConfigureAwait(false);
        return answer.RootElement.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array
            ? tags.EnumerateArray().Select(ReadTag).ToList()
            : [];
    }

    /// <summary>Creates a tag.</summary>
    /// <param name="name">The name (1 to 30 characters).</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The new tag.</returns>
    /// <exception cref="ArgumentException">The name is empty or longer than 30 characters.</exception>
    /// <exception cref="WeChatApiException">WeChat refused it (45157 duplicate name, 45056 more than 100 tags), or could not be reached.</exception>
    public async Task<WeChatTag> CreateTagAsync(string name, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 30)
        {
            throw new ArgumentException($"Expected a tag name of 1 to 30 characters, received '{name}'.", nameof(name));
        }

        using var answer = await _api.RequireAsync(HttpMethod.Post, "cgi-bin/tags/create", null, w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("tag");
            w.WriteString("name", name);
            w.WriteEndObject();
            w.WriteEndObject();
        }, cancellationToken).ConfigureAwait(false);
        return answer.RootElement.TryGetProperty("tag", out var tag) ? ReadTag(tag) : throw new WeChatApiException("cgi-bin/tags/create", 0, "the answer has no tag");
    }

    /// <summary>Lists the followers carrying a tag (all pages).</summary>
    /// <param name="tagId">The tag.</param>
    /// <param name="cancellationToken">A token to cancel the calls.</param>
    /// <returns>Their openids.</returns>
    /// <exception cref="WeChatApiException">WeChat answered an error, or could not be reached.</exception>
    public async Task<IReadOnlyList<string>> GetMembersAsync(int tagId, CancellationToken cancellationToken = default)
    {
        var members = new List<string>();
        var next = string.Empty;
        while (true)
        {
            var from = next;
            using var answer = await _api.RequireAsync(HttpMethod.Post, "cgi-bin/user/tag/get", null, w =>
            {
                w.WriteStartObject();
                w.WriteNumber("tagid", tagId);
                w.WriteString("next_openid", from);
                w.WriteEndObject();
            }, cancellationToken).ConfigureAwait(false);
            var root = answer.RootElement;
            var page = root.TryGetProperty("data", out var data) && data.TryGetProperty("openid", out var ids) && ids.ValueKind == JsonValueKind.Array
                ? ids.EnumerateArray().Select(i => i.GetString()!).ToList()
                : [];
            members.AddRange(page);
            next = root.TryGetProperty("next_openid", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : string.Empty;
            if (page.Count == 0 || next.Length == 0 || next == from)
            {
                return members;
            }
        }
    }

    /// <summary>
    /// Makes a tag hold exactly these followers: creates the tag if needed, tags those who lack it and untags those who
    /// should not have it, 50 per call.
    /// </summary>
    /// <param name="tagName">The tag's name.</param>
    /// <param name="openIds">The followers who should carry it.</param>
    /// <param name="cancellationToken">A token to cancel the work.</param>
    /// <returns>What changed.</returns>
    /// <exception cref="WeChatApiException">WeChat answered an error, or could not be reached; calls already made stay made.</exception>
    public async Task<TagSyncResult> SyncAsync(string tagName, IEnumerable<string> openIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(openIds);
        var tag = (await GetTagsAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(t => t.Name == tagName)
            ?? await CreateTagAsync(tagName, cancellationToken).ConfigureAwait(false);
        var wanted = openIds.ToHashSet(StringComparer.Ordinal);
        var current = (await GetMembersAsync(tag.Id, cancellationToken).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
        var add = wanted.Where(o => !current.Contains(o)).Order(StringComparer.Ordinal).ToList();
        var remove = current.Where(o => !wanted.Contains(o)).Order(StringComparer.Ordinal).ToList();
        await BatchAsync("cgi-bin/tags/members/batchtagging", tag.Id, add, cancellationToken).ConfigureAwait(false);
        await BatchAsync("cgi-bin/tags/members/batchuntagging", tag.Id, remove, cancellationToken).ConfigureAwait(false);
        var result = new TagSyncResult(tag with { Count = wanted.Count }, add.Count, remove.Count, wanted.Count - add.Count);
        Synced(_logger, tagName, result.Added, result.Removed, result.Kept);
        return result;
    }

    /// <summary>Synchronises a segment to a tag: its members' openids of this account (see <see cref="SyncAsync"/>).</summary>
    /// <param name="segment">The segment's name.</param>
    /// <param name="tagName">The tag's name (the segment's name when null).</param>
    /// <param name="cancellationToken">A token to cancel the work.</param>
    /// <returns>What changed.</returns>
    /// <exception cref="InvalidOperationException">Segments are not registered (call <c>AddInsights</c>).</exception>
    /// <exception cref="WeChatApiException">WeChat answered an error, or could not be reached.</exception>
    public async Task<TagSyncResult> SyncSegmentAsync(string segment, string? tagName = null, CancellationToken cancellationToken = default)
    {
        var insights = _insights ?? throw new InvalidOperationException("Segments are not registered: call AddInsights() on the Ecrm builder to sync segments to WeChat tags.");
        var openIds = new List<string>();
        foreach (var customerId in await insights.GetMembersAsync(segment, cancellationToken).ConfigureAwait(false))
        {
            if (await _graph.GetAsync(customerId, cancellationToken).ConfigureAwait(false) is { } customer)
            {
                openIds.AddRange(customer.Profile.Identities
                    .Where(i => i.Identity.Kind == IdentityKind.WeChatOpenId && i.Identity.Scope == _api.AppId)
                    .Select(i => i.Identity.Value));
            }
        }

        return await SyncAsync(tagName ?? segment, openIds, cancellationToken).ConfigureAwait(false);
    }

    private async Task BatchAsync(string path, int tagId, List<string> openIds, CancellationToken cancellationToken)
    {
        foreach (var chunk in openIds.Chunk(BatchSize))
        {
            using var _ = await _api.RequireAsync(HttpMethod.Post, path, null, w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("openid_list");
                foreach (var openId in chunk)
                {
                    w.WriteStringValue(openId);
                }

                w.WriteEndArray();
                w.WriteNumber("tagid", tagId);
                w.WriteEndObject();
            }, cancellationToken).ConfigureAwait(false);
        }
    }

    private static WeChatTag ReadTag(JsonElement t) => new(
        t.TryGetProperty("id", out var id) && id.TryGetInt32(out var n) ? n : 0,
        t.TryGetProperty("name", out var name) ? name.GetString() ?? string.Empty : string.Empty,
        t.TryGetProperty("count", out var count) && count.TryGetInt32(out var c) ? c : 0);

    [LoggerMessage(EventId = 1413, Level = LogLevel.Information, Message = "WeChat tag {Tag} synchronised: {Added} added, {Removed} removed, {Kept} kept")]
    private static partial void Synced(ILogger logger, string tag, int added, int removed, int kept);
}
