namespace Ecrm.Answers;

/// <summary>One entry of the answer library: an intent, how customers ask about it, and the answer in each language.</summary>
public sealed record AnswerEntry
{
    /// <summary>Gets the entry's id, such as <c>shipping-time</c>. Required.</summary>
    public required string Id { get; init; }

    /// <summary>Gets the intent it answers, such as <c>shipping</c> (several entries may share one).</summary>
    public string? Intent { get; init; }

    /// <summary>Gets the keywords that point to it, in any language (快递, 发货, shipping, delivery).</summary>
    public IReadOnlyList<string> Keywords { get; init; } = [];

    /// <summary>Gets sample questions as customers ask them; a question close to one matches even without keywords.</summary>
    public IReadOnlyList<string> Questions { get; init; } = [];

    /// <summary>Gets the answer per language (<c>zh</c>, <c>en</c>). Required (at least one).</summary>
    public required IReadOnlyDictionary<string, string> Answers { get; init; }
}
