using Ecrm.Segments;

namespace Ecrm.Insights;

/// <summary>
/// The segments compiled against a table of one row, to tell which segments one customer is in (and why) without the
/// population's table: what a read of one customer uses in a process that has not loaded everyone. Segment rules see
/// only the row's own facts, so a row alone answers as it would among all the others.
/// </summary>
internal sealed class SegmentProbe
{
    /// <summary>A table's text columns keep every value they were given (they are dictionary-encoded): after this many
    /// customers the table is built afresh, so that a long-running reader keeps neither growing memory nor past
    /// customers' traits.</summary>
    private const int UsesPerTable = 1024;

    private readonly SegmentDefinition[] _definitions;
    private readonly TimeSpan _halfLife;
    private readonly List<(SegmentDefinition Definition, RowPredicate Predicate)> _segments = [];
    private FactTable _table = new();
    private int _uses;

    /// <summary>Compiles the segments, in the order their explanations are to be listed.</summary>
    public SegmentProbe(IEnumerable<SegmentDefinition> definitions, TimeSpan engagementHalfLife)
    {
        _definitions = [.. definitions];
        _halfLife = engagementHalfLife;
        Compile();
    }

    /// <summary>Builds one segment's explanation of a row.</summary>
    public static SegmentExplanation Explain(SegmentDefinition definition, RowPredicate predicate, int row, string customerId, DateTimeOffset now)
    {
        var clauses = new List<ClauseExplanation>();
        predicate.Explain(row, now.UtcTicks, clauses);
        return new SegmentExplanation(definition.Name, definition.Version, customerId, predicate.Test(row, now.UtcTicks), clauses, now);
    }

    /// <summary>The segments a customer with these facts is in now, each with why.</summary>
    public IReadOnlyList<SegmentExplanation> MembershipOf(CustomerFacts facts, DateTimeOffset now)
    {
        lock (_segments)
        {
            if (++_uses > UsesPerTable)
            {
                _table = new FactTable();
                _uses = 1;
                Compile();
            }

            if (_table.IdOf(0) is { } previous)
            {
                _table.Remove(previous, out _);
            }

            var row = _table.Upsert(facts);
            var explanations = new List<SegmentExplanation>();
            foreach (var (definition, predicate) in _segments)
            {
                if (predicate.Test(row, now.UtcTicks))
                {
                    explanations.Add(Explain(definition, predicate, row, facts.CustomerId, now));
                }
            }

            return explanations;
        }
    }

    private void Compile()
    {
        _segments.Clear();
        foreach (var definition in _definitions)
        {
            _segments.Add((definition, SegmentCompiler.Compile(definition.Rule, _table, _halfLife, [])));
        }
    }
}
