using System.Text.Json;
using Ecrm.ProviderStubs;
using FsCheck.Xunit;

namespace Ecrm.Weibo.Tests;

/// <summary>Mutated Weibo answers: the mapper either maps or refuses with the errors the poller reports, nothing else.</summary>
public sealed class WeiboMapperFuzzTests
{
    private static readonly string Sample = WeiboStub.Comment(4230468160150001, 1742566624, "@品牌官方 我的订单什么时候发货？", 18461756, DateTimeOffset.UnixEpoch.AddYears(48)).ToJsonString();
    private static readonly string[] Replacements = ["null", "0", "-1", "\"\"", "[]", "{}", "true", "\"x\"", "99999999999999999999", "\"Tue May 31 17:46:55 +0800 2011\""];

    [Property(MaxTest = 500)]
    public bool MutatedItems_MapOrFailWithReportedErrors(int seed)
    {
        var random = new Random(seed);
        var text = Sample;
        for (var i = random.Next(1, 4); i > 0; i--)
        {
            var start = random.Next(text.Length);
            var length = random.Next(0, Math.Min(12, text.Length - start));
            var insert = random.Next(3) == 0 ? ((char)random.Next(32, 0x4E00)).ToString() : Replacements[random.Next(Replacements.Length)];
            text = text.Remove(start, length).Insert(start, insert);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            return true; // the poller reports malformed JSON as a failed poll
        }

        using (document)
        {
            foreach (var timeline in Enum.GetValues<WeiboTimeline>())
            {
                try
                {
                    var e = WeiboMapper.Map(document.RootElement, timeline);
                    if (!e.Id.StartsWith("weibo:", StringComparison.Ordinal) || e.Identities.Count != 1)
                    {
                        return false;
                    }
                }
                catch (Exception ex) when (ex is EcrmException or InvalidOperationException)
                {
                    // refused: reported by the poller as a malformed answer, the cursor not moved
                }
            }
        }

        return true;
    }
}
