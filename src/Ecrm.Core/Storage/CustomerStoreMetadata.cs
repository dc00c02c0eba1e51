namespace Ecrm.Storage;

/// <summary>What a store is and where it keeps its data.</summary>
/// <param name="ProviderName">The provider, for example <c>memory</c>, <c>sqlite</c>, <c>postgresql</c>.</param>
/// <param name="IsDurable">Whether data survives the process.</param>
/// <param name="Location">Where the data is (a file path, a database), or <see langword="null"/> in memory.</param>
public sealed record CustomerStoreMetadata(string ProviderName, bool IsDurable, string? Location);
