namespace Ecrm.Storage;

/// <summary>A document of derived state kept by an <see cref="IDerivedStateStore"/>.</summary>
/// <param name="Name">The document's name, unique in the store.</param>
/// <param name="Format">What wrote it and how (for example <c>ecrm.insights.population/1</c>): a reader ignores a format it does not know.</param>
/// <param name="Payload">The document's bytes, opaque to the store.</param>
public sealed record DerivedState(string Name, string Format, byte[] Payload);
