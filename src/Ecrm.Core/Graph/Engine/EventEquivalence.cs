using Ecrm.Serialization;

namespace Ecrm.Graph.Engine;

/// <summary>Decides whether a re-delivered event is the same event (a replay) by comparing canonical JSON.</summary>
internal static class EventEquivalence
{
    public static bool Same(CustomerEvent a, CustomerEvent b)
        => ReferenceEquals(a, b) || EventJsonLines.SerializeToUtf8Bytes(a).AsSpan().SequenceEqual(EventJsonLines.SerializeToUtf8Bytes(b));
}
