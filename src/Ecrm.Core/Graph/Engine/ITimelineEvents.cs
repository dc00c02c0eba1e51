namespace Ecrm.Graph.Engine;

/// <summary>A customer's events in ascending key order, wherever they are held, for <see cref="CustomerProjections.TimelineOf{TEvents}"/>.</summary>
internal interface ITimelineEvents
{
    /// <summary>Gets the number of events.</summary>
    int Count { get; }

    /// <summary>The key of the i-th event.</summary>
    /// <param name="i">The position, from the oldest.</param>
    /// <returns>The key.</returns>
    EventKey KeyAt(int i);

    /// <summary>The i-th event.</summary>
    /// <param name="i">The position, from the oldest.</param>
    /// <returns>The event.</returns>
    CustomerEvent EventAt(int i);
}
