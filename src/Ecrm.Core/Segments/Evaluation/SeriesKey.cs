namespace Ecrm.Segments;

/// <summary>What an aggregate folds, without its window or function: the event type, the field and the filters.
/// Aggregates that differ only in window or function share one series.</summary>
internal readonly record struct SeriesKey(string EventType, string? Field, string Filters)
{
    public static SeriesKey Of(AggregateOperand a)
        => new(a.EventType.Name, a.Field, string.Join(", ", a.Filters.Select(f => SegmentText.FormatOperand(new AggregateOperand(AggregateFunction.Count, a.EventType, null, null, [f])))));
}
