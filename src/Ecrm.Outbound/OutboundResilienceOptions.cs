namespace Ecrm.Outbound;

/// <summary>
/// How calls to one provider are made resilient: a timeout per attempt, retries with exponential backoff and jitter
/// (or the provider's Retry-After), a circuit breaker and a rate limiter. Every provider's options derive from it.
/// </summary>
public class OutboundResilienceOptions
{
    /// <summary>Gets or sets the time one attempt may take. Default 10 seconds.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets how many times a failed attempt is retried when a retry is safe. Default 5.</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>Gets or sets the first retry's delay; later ones double, with jitter. Default 1 second.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the longest wait between retries of the exponential backoff. Default 60 seconds.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets the longest Retry-After (or rate-limit reset) honoured; longer ones end the retries. Default 2 minutes.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Gets or sets the failure ratio over <see cref="BreakerSamplingDuration"/> that opens the circuit. Default 0.5.</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Gets or sets the fewest attempts in the sampling window before the circuit may open. Default 10.</summary>
    public int BreakerMinimumThroughput { get; set; } = 10;

    /// <summary>Gets or sets the window failures are counted over. Default 30 seconds.</summary>
    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how long an open circuit fails calls at once before trying again. Default 30 seconds.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the most requests per second sent to the provider (0: no limit). Default 0.</summary>
    public double PermitsPerSecond { get; set; }

    /// <summary>Gets or sets how many requests may wait for the rate limiter before new ones fail. Default 10,000.</summary>
    public int RateLimitQueue { get; set; } = 10_000;

    /// <summary>Validates the resilience settings.</summary>
    /// <param name="owner">The options type's name, used in the message.</param>
    /// <exception cref="EcrmException">A setting is out of range; the message names it.</exception>
    protected void ValidateResilience(string owner)
    {
        if (AttemptTimeout < TimeSpan.FromMilliseconds(10) || AttemptTimeout > TimeSpan.FromMinutes(5))
        {
            throw new EcrmException($"{owner}.AttemptTimeout: expected 10 ms to 5 minutes, received {AttemptTimeout}.");
        }

        if (MaxRetries is < 0 or > 20)
        {
            throw new EcrmException($"{owner}.MaxRetries: expected 0 to 20, received {MaxRetries}.");
        }

        if (RetryDelay < TimeSpan.Zero || RetryDelay > TimeSpan.FromMinutes(5) || MaxRetryDelay < RetryDelay || MaxRetryAfter < TimeSpan.Zero)
        {
            throw new EcrmException($"{owner}.RetryDelay / MaxRetryDelay / MaxRetryAfter: expected a first delay of 0 to 5 minutes, a cap not below it and a non-negative Retry-After cap, received {RetryDelay}, {MaxRetryDelay} and {MaxRetryAfter}.");
        }

        if (!(BreakerFailureRatio is > 0 and <= 1) || BreakerMinimumThroughput < 2
            || BreakerSamplingDuration < TimeSpan.FromMilliseconds(500) || BreakDuration < TimeSpan.FromMilliseconds(500))
        {
            throw new EcrmException($"{owner} breaker: expected a failure ratio in (0, 1], a minimum throughput of 2 or more and durations of at least 500 ms, received {BreakerFailureRatio}, {BreakerMinimumThroughput}, {BreakerSamplingDuration}, {BreakDuration}.");
        }

        if (!(PermitsPerSecond >= 0 && PermitsPerSecond <= 1_000_000) || RateLimitQueue is < 0 or > 10_000_000)
        {
            throw new EcrmException($"{owner}.PermitsPerSecond / RateLimitQueue: expected 0 to 1,000,000 per second and a queue of 0 to 10,000,000, received {PermitsPerSecond} and {RateLimitQueue}.");
        }
    }
}
