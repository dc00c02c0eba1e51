namespace Ecrm.ProviderStubs;

/// <summary>Which requests fail and how: each request fails with probability <see cref="Rate"/>, with a kind drawn uniformly.</summary>
public sealed class FaultPlan
{
    private readonly Random _random;
    private readonly FaultKind[] _kinds;
    private readonly Lock _gate = new();
    private readonly Dictionary<FaultKind, int> _injected = [];

    /// <summary>Creates a plan.</summary>
    /// <param name="rate">The share of requests that fail (0 to 1).</param>
    /// <param name="seed">The random seed, so a failing run can be replayed.</param>
    /// <param name="kinds">The kinds to draw from.</param>
    public FaultPlan(double rate, int seed, params FaultKind[] kinds)
    {
        Rate = rate;
        _random = new Random(seed);
        _kinds = kinds.Length > 0 ? kinds : Enum.GetValues<FaultKind>();
    }

    /// <summary>No faults.</summary>
    public static FaultPlan None { get; } = new(0, 0);

    /// <summary>Gets the failure rate.</summary>
    public double Rate { get; }

    /// <summary>Gets how many faults of each kind were injected.</summary>
    public IReadOnlyDictionary<FaultKind, int> Injected
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<FaultKind, int>(_injected);
            }
        }
    }

    /// <summary>Draws the fate of one request.</summary>
    /// <returns>The fault, or <see langword="null"/> to answer normally.</returns>
    public FaultKind? Next()
    {
        lock (_gate)
        {
            if (Rate <= 0 || _random.NextDouble() >= Rate)
            {
                return null;
            }

            var kind = _kinds[_random.Next(_kinds.Length)];
            _injected[kind] = _injected.GetValueOrDefault(kind) + 1;
            return kind;
        }
    }
}
