namespace Ecrm.Resolution;

/// <summary>One blocking pass: a key per record (null = not blocked by this pass), compared by sorted neighbourhood or exact blocks.</summary>
internal sealed record BlockingKey(string Name, Func<int, string?> Key, bool Sorted);
