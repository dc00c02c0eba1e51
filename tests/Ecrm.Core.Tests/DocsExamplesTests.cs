using System.Text;
using System.Text.RegularExpressions;
using Ecrm.Serialization;

namespace Ecrm.Core.Tests;

/// <summary>The JSON examples of docs/events.md parse, validate and link as the page says.</summary>
public sealed partial class DocsExamplesTests
{
    [Fact]
    public async Task EventsPage_ExamplesAreValidAndLinkLiWeiAcrossChannels()
    {
        var page = await File.ReadAllTextAsync(Path.Combine(TestPaths.RepositoryRoot(), "docs", "events.md"));
        var events = JsonBlock().Matches(page).Select(m => EventJsonLines.Deserialize(Encoding.UTF8.GetBytes(m.Groups[1].Value))).ToList();
        Assert.Equal(10, events.Count);

        await using var h = TestGraph.Create();
        var result = await h.Graph.IngestBatchAsync(events);
        Assert.Equal(10, result.Accepted);

        var li = (await h.Graph.FindAsync(Identity.Phone("13800138000")))!;
        Assert.Equal("李伟", li.Profile.Traits["name"].Value);
        Assert.Equal(
            ["call-centre", "email", "shop", "sms", "store", "survey"],
            li.Profile.Channels.Select(c => c.Channel.Name));
        Assert.Equal(7, li.Timeline.Events.Count);
        Assert.NotNull(await h.Graph.FindAsync(Identity.WeiboUid("5000000001"))); // the reposted brand account
    }

    [GeneratedRegex("```json\\n(.+?)\\n```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();
}
