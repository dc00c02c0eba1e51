namespace Ecrm.Insights;

/// <summary>
/// A background refit in flight, as the insights engine sees it under its gate: which customers changed while the
/// refit read the store (their rows are computed again when the refit is applied), and whether the refit must be thrown
/// away (an erasure happened meanwhile, or a newer fit was applied first), or abandoned before it ends.
/// </summary>
/// <param name="generation">The engine's model generation when the refit began.</param>
/// <param name="stopping">The engine's stopping token.</param>
internal sealed class RefitWindow(int generation, CancellationToken stopping) : IDisposable
{
    private readonly CancellationTokenSource _abandoned = CancellationTokenSource.CreateLinkedTokenSource(stopping);

    /// <summary>Gets the model generation the refit began from; a different one when it ends means a newer fit won.</summary>
    public int Generation { get; } = generation;

    /// <summary>Gets the customers changed or removed since the refit began.</summary>
    public HashSet<string> Changed { get; } = new(StringComparer.Ordinal);

    /// <summary>Gets or sets a value indicating whether an erasure since the refit began makes its result unusable.</summary>
    public bool Discarded { get; set; }

    /// <summary>Gets the token the refit runs under: cancelled when the engine stops or the refit is abandoned.</summary>
    public CancellationToken Token => _abandoned.Token;

    /// <summary>Stops the refit (a fit applied meanwhile makes its work useless).</summary>
    public void Abandon()
    {
        try
        {
            _abandoned.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // it ended meanwhile
        }
    }

    /// <inheritdoc />
    public void Dispose() => _abandoned.Dispose();
}
