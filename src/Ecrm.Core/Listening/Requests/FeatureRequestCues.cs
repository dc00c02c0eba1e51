namespace Ecrm.Listening;

/// <summary>The phrases that mark a text as asking for something, and those that look alike but do not.</summary>
public static class FeatureRequestCues
{
    /// <summary>Gets the shipped request cues in Chinese and English.</summary>
    public static IReadOnlyList<string> Defaults { get; } =
    [
        "希望", "建议", "要是能", "要是有", "如果有", "如果能", "能不能", "可不可以", "能否", "最好能", "期待出", "期待推出",
        "期待增加", "增加一个", "增加个", "加个", "出个", "出一款", "求出", "什么时候出", "盼望",
        "please add", "please make", "please support", "please bring", "would be nice", "would be great if", "would be better if",
        "would love to see", "would like to see", "i wish it", "wish it had", "wish there was", "wish there were", "wish they",
        "feature request", "should add", "could you add", "can you add", "hope you add", "hope they add", "suggest adding",
        "needs an option", "need an option", "it would help if",
    ];

    /// <summary>
    /// Gets the shipped exclusions: phrases with a cue that advise other buyers or express regret rather than ask the
    /// company for something (建议大家, 不建议, 希望大家, "i wish i had").
    /// </summary>
    public static IReadOnlyList<string> Exclusions { get; } =
    [
        "建议大家", "不建议", "建议不要", "建议别", "建议慎重", "建议谨慎", "希望大家", "希望各位", "建议买", "建议购买", "强烈建议",
        "i wish i had", "i wish i hadn't", "wish i had", "wish i hadn't", "wish i never",
    ];
}
