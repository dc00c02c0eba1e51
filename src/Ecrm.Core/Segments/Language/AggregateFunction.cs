namespace Ecrm.Segments;

/// <summary>How an event aggregate folds the matching events of a customer.</summary>
public enum AggregateFunction
{
    /// <summary>How many events.</summary>
    Count,

    /// <summary>The sum of a numeric field.</summary>
    Sum,

    /// <summary>The smallest value of a numeric field.</summary>
    Min,

    /// <summary>The largest value of a numeric field.</summary>
    Max,

    /// <summary>The value of a numeric field on the most recent event.</summary>
    Last,
}
