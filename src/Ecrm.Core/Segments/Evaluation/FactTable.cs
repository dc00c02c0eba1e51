namespace Ecrm.Segments;

/// <summary>
/// Every customer's facts in columns: one row per live customer, text fields dictionary-encoded, numbers as doubles,
/// aggregate series as per-row arrays. Segment rules compile to loops over these columns. Not thread-safe: the
/// insights engine serialises access.
/// </summary>
internal sealed class FactTable
{
    private readonly Dictionary<string, int> _rowOf = new(StringComparer.Ordinal);
    private readonly Stack<int> _free = new();
    private readonly Dictionary<string, TextColumn> _text = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NumberColumn> _numbers = new(StringComparer.Ordinal);
    private readonly Dictionary<SeriesKey, SeriesColumn> _series = [];
    private string?[] _ids = new string?[16];

    /// <summary>Gets the number of rows ever allocated (live or free).</summary>
    public int RowCount { get; private set; }

    /// <summary>Gets the number of live customers.</summary>
    public int LiveCount => _rowOf.Count;

    public NumberColumn Engagement { get; } = new();

    public NumberColumn EngagementAsOf { get; } = new();

    public NumberColumn LastPurchase { get; } = new();

    public IEnumerable<SeriesColumn> AllSeries => _series.Values;

    public string? IdOf(int row) => row < RowCount ? _ids[row] : null;

    public bool TryGetRow(string customerId, out int row) => _rowOf.TryGetValue(customerId, out row);

    /// <summary>The live rows, ascending.</summary>
    public int[] LiveRows()
    {
        var rows = new int[_rowOf.Count];
        if (_free.Count == 0)
        {
            // No row was ever freed (or all were reused): every row is live, no need to look at the ids.
            for (var r = 0; r < rows.Length; r++)
            {
                rows[r] = r;
            }

            return rows;
        }

        var k = 0;
        for (var r = 0; r < RowCount; r++)
        {
            if (_ids[r] is not null)
            {
                rows[k++] = r;
            }
        }

        return rows;
    }

    public TextColumn? Text(string field) => _text.GetValueOrDefault(field);

    public NumberColumn? Number(string field) => _numbers.GetValueOrDefault(field);

    public SeriesColumn? Series(SeriesKey key) => _series.GetValueOrDefault(key);

    /// <summary>Registers an aggregate series; the caller fills existing rows.</summary>
    public SeriesColumn AddSeries(AggregateOperand a)
    {
        var key = SeriesKey.Of(a);
        if (!_series.TryGetValue(key, out var column))
        {
            _series[key] = column = new SeriesColumn(key, EventSelector.For(a));
        }

        return column;
    }

    /// <summary>Writes a customer's row (a new row for a new customer).</summary>
    public int Upsert(CustomerFacts facts)
    {
        if (!_rowOf.TryGetValue(facts.CustomerId, out var row))
        {
            row = _free.Count > 0 ? _free.Pop() : RowCount++;
            if (row >= _ids.Length)
            {
                Array.Resize(ref _ids, Math.Max(row + 1, _ids.Length * 2));
            }

            _ids[row] = facts.CustomerId;
            _rowOf[facts.CustomerId] = row;
        }

        foreach (var (field, column) in _text)
        {
            column.Set(row, facts.Text.GetValueOrDefault(field));
        }

        foreach (var (field, value) in facts.Text)
        {
            if (!_text.ContainsKey(field))
            {
                var column = new TextColumn();
                column.Set(row, value);
                _text[field] = column;
            }
        }

        foreach (var (field, column) in _numbers)
        {
            column.Set(row, facts.Numbers.TryGetValue(field, out var v) ? v : double.NaN);
        }

        foreach (var (field, value) in facts.Numbers)
        {
            if (!_numbers.ContainsKey(field))
            {
                var column = new NumberColumn();
                column.Set(row, value);
                _numbers[field] = column;
            }
        }

        Engagement.Set(row, facts.Engagement);
        EngagementAsOf.Set(row, facts.EngagementAsOf);
        LastPurchase.Set(row, facts.LastPurchase is { } t ? t : double.NaN);
        foreach (var series in _series.Values)
        {
            series.Set(row, facts.Events);
        }

        return row;
    }

    /// <summary>Removes a customer (merged away); the row is reused later.</summary>
    public bool Remove(string customerId, out int row)
    {
        if (!_rowOf.Remove(customerId, out row))
        {
            return false;
        }

        _ids[row] = null;
        _free.Push(row);
        return true;
    }
}
