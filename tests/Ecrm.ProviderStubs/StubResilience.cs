using Ecrm.Outbound;

namespace Ecrm.ProviderStubs;

/// <summary>Resilience settings sized for tests against the stubs.</summary>
public static class StubResilience
{
    /// <summary>
    /// 2 s attempts (a loaded 2-core machine must not time out by accident, and a stub's hang outlasts them), quick
    /// retries, and a breaker that does not trip on injected faults.
    /// </summary>
    /// <typeparam name="T">The options type.</typeparam>
    /// <param name="options">The options to set.</param>
    /// <returns>The same options.</returns>
    public static T Fast<T>(T options)
        where T : OutboundResilienceOptions
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AttemptTimeout = TimeSpan.FromSeconds(2);
        options.RetryDelay = TimeSpan.FromMilliseconds(5);
        options.MaxRetryDelay = TimeSpan.FromMilliseconds(50);
        options.MaxRetries = 12;
        options.BreakerFailureRatio = 1.0;
        options.BreakerMinimumThroughput = 1000;
        return options;
    }
}
