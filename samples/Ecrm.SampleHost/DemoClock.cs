namespace Ecrm.SampleHost;

/// <summary>
/// The sample host's clock: the system clock, except while the demo runs its campaign "as of" the day after the
/// generated data ends (the data is fixed in 2026, so that responses within the conversion window are in the past).
/// </summary>
internal sealed class DemoClock : TimeProvider
{
    private DateTimeOffset? _frozen;

    public override DateTimeOffset GetUtcNow() => _frozen ?? System.GetUtcNow();

    /// <summary>Makes the clock read a given time until the returned scope ends.</summary>
    public IDisposable At(DateTimeOffset at)
    {
        _frozen = at;
        return new Scope(this);
    }

    private sealed class Scope(DemoClock clock) : IDisposable
    {
        public void Dispose() => clock._frozen = null;
    }
}
