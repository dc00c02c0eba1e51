using System.Text;
using System.Text.Json;

namespace Ecrm.Segments;

/// <summary>
/// The JSON form of segment rules, for configuration files and APIs:
/// <c>{"and":[{"field":"tier","op":"in","values":["gold","platinum"]},{"aggregate":{"fn":"count","event":"purchase","window":"30d","where":[{"field":"category","op":"=","values":["手机"]}]},"op":"&gt;=","values":[2]}]}</c>.
/// Nodes: <c>{"and":[...]}</c>, <c>{"or":[...]}</c>, <c>{"not":{...}}</c>, and conditions with <c>field</c> or
/// <c>aggregate</c> (fn, event, optional field, window and where), an <c>op</c> as in the text form and <c>values</c>.
/// </summary>
public static class SegmentJson
{
    private const int MaxDepth = 64;

    /// <summary>Writes an expression as JSON.</summary>
    /// <param name="expression">The expression.</param>
    /// <returns>Compact JSON.</returns>
    public static string Serialize(SegmentExpression expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(w, expression);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Reads and type-checks an expression from JSON.</summary>
    /// <param name="json">The JSON.</param>
    /// <returns>The expression.</returns>
    /// <exception cref="SegmentSyntaxException">Malformed JSON or a rule that does not type-check, with its JSON path.</exception>
    public static SegmentExpression Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxDepth * 3 });
        }
        catch (JsonException ex)
        {
            throw new SegmentSyntaxException(0, 0, $"JSON line {(ex.LineNumber ?? 0) + 1}", "well-formed JSON", ex.Message);
        }

        using (document)
        {
            var expression = Read(document.RootElement, "$", 0);
            SegmentValidator.Validate(expression);
            return expression;
        }
    }

    private static void Write(Utf8JsonWriter w, SegmentExpression e)
    {
        w.WriteStartObject();
        switch (e)
        {
            case AllOf all:
                WriteList(w, "and", all.Items);
                break;
            case AnyOf any:
                WriteList(w, "or", any.Items);
                break;
            case Not not:
                w.WritePropertyName("not");
                Write(w, not.Inner);
                break;
            case Condition c:
                WriteOperand(w, c.Operand);
                WriteComparison(w, c.Operator, c.Values);
                break;
        }

        w.WriteEndObject();
    }

    private static void WriteList(Utf8JsonWriter w, string name, IReadOnlyList<SegmentExpression> items)
    {
        w.WriteStartArray(name);
        foreach (var item in items)
        {
            Write(w, item);
        }

        w.WriteEndArray();
    }

    private static void WriteOperand(Utf8JsonWriter w, SegmentOperand operand)
    {
        if (operand is FieldOperand f)
        {
            w.WriteString("field", f.Path);
            return;
        }

        var a = (AggregateOperand)operand;
        w.WriteStartObject("aggregate");
        w.WriteString("fn", a.Function.ToString().ToLowerInvariant());
        w.WriteString("event", a.EventType.Name);
        if (a.Field is not null)
        {
            w.WriteString("field", a.Field);
        }

        if (a.Window is { } window)
        {
            w.WriteString("window", SegmentText.FormatDuration(window));
        }

        if (a.Filters.Count > 0)
        {
            w.WriteStartArray("where");
            foreach (var filter in a.Filters)
            {
                w.WriteStartObject();
                w.WriteString("field", filter.Field);
                WriteComparison(w, filter.Operator, filter.Values);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void WriteComparison(Utf8JsonWriter w, ComparisonOperator op, IReadOnlyList<SegmentValue> values)
    {
        w.WriteString("op", SegmentText.OperatorText(op));
        if (op == ComparisonOperator.Exists)
        {
            return;
        }

        w.WriteStartArray("values");
        foreach (var v in values)
        {
            if (v.IsNumber)
            {
                w.WriteNumberValue(v.Number);
            }
            else
            {
                w.WriteStringValue(v.Text);
            }
        }

        w.WriteEndArray();
    }

    private static SegmentExpression Read(JsonElement e, string path, int depth)
    {
        if (depth > MaxDepth)
        {
            throw Fail(path, $"at most {MaxDepth} levels of nesting", "more");
        }

        if (e.ValueKind != JsonValueKind.Object)
        {
            throw Fail(path, "an object", e.ValueKind.ToString().ToLowerInvariant());
        }

        if (e.TryGetProperty("and", out var and))
        {
            return new AllOf(ReadList(and, path + ".and", depth));
        }

        if (e.TryGetProperty("or", out var or))
        {
            return new AnyOf(ReadList(or, path + ".or", depth));
        }

        if (e.TryGetProperty("not", out var not))
        {
            return new Not(Read(not, path + ".not", depth + 1));
        }

        SegmentOperand operand = e.TryGetProperty("field", out var field)
            ? new FieldOperand(String(field, path + ".field"))
            : e.TryGetProperty("aggregate", out var aggregate)
                ? ReadAggregate(aggregate, path + ".aggregate")
                : throw Fail(path, "one of and, or, not, field, aggregate", "none of them");
        var (op, values) = ReadComparison(e, path);
        return new Condition(operand, op, values);
    }

    private static List<SegmentExpression> ReadList(JsonElement array, string path, int depth)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw Fail(path, "an array", array.ValueKind.ToString().ToLowerInvariant());
        }

        return [.. array.EnumerateArray().Select((item, i) => Read(item, $"{path}[{i}]", depth + 1))];
    }

    private static AggregateOperand ReadAggregate(JsonElement a, string path)
    {
        if (a.ValueKind != JsonValueKind.Object)
        {
            throw Fail(path, "an object", a.ValueKind.ToString().ToLowerInvariant());
        }

        var fnText = a.TryGetProperty("fn", out var fnElement) ? String(fnElement, path + ".fn") : throw Fail(path + ".fn", "count, sum, min, max or last", "none");
        if (fnText is not ("count" or "sum" or "min" or "max" or "last"))
        {
            throw Fail(path + ".fn", "count, sum, min, max or last", $"'{fnText}'");
        }

        var eventText = a.TryGetProperty("event", out var ev) ? String(ev, path + ".event") : throw Fail(path + ".event", "an event type", "none");
        EventType type;
        try
        {
            type = EventType.FromName(eventText);
        }
        catch (TokenFormatException)
        {
            throw Fail(path + ".event", "an event type such as purchase", $"'{eventText}'");
        }

        var field = a.TryGetProperty("field", out var f) ? String(f, path + ".field") : null;
        TimeSpan? window = null;
        if (a.TryGetProperty("window", out var w))
        {
            var text = String(w, path + ".window");
            window = SegmentText.TryParseDuration(text, out var d) ? d : throw Fail(path + ".window", "a duration such as 30d", $"'{text}'");
        }

        var filters = new List<EventFilter>();
        if (a.TryGetProperty("where", out var where))
        {
            if (where.ValueKind != JsonValueKind.Array)
            {
                throw Fail(path + ".where", "an array", where.ValueKind.ToString().ToLowerInvariant());
            }

            var i = 0;
            foreach (var item in where.EnumerateArray())
            {
                var itemPath = $"{path}.where[{i++}]";
                var name = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("field", out var fe) ? String(fe, itemPath + ".field") : throw Fail(itemPath + ".field", "an event field", "none");
                var (op, values) = ReadComparison(item, itemPath);
                filters.Add(new EventFilter(name, op, values));
            }
        }

        return new AggregateOperand(Enum.Parse<AggregateFunction>(fnText, ignoreCase: true), type, field, window, filters);
    }

    private static (ComparisonOperator, List<SegmentValue>) ReadComparison(JsonElement e, string path)
    {
        var opText = e.TryGetProperty("op", out var opElement) ? String(opElement, path + ".op") : throw Fail(path + ".op", "a comparison", "none");
        var op = SegmentText.OperatorOf(opText) ?? throw Fail(path + ".op", "=, !=, <, <=, >, >=, in, contains, starts-with or exists", $"'{opText}'");
        var values = new List<SegmentValue>();
        if (e.TryGetProperty("values", out var array))
        {
            if (array.ValueKind != JsonValueKind.Array)
            {
                throw Fail(path + ".values", "an array", array.ValueKind.ToString().ToLowerInvariant());
            }

            var i = 0;
            foreach (var v in array.EnumerateArray())
            {
                values.Add(v.ValueKind switch
                {
                    JsonValueKind.String => SegmentValue.Of(v.GetString()!),
                    JsonValueKind.Number when v.TryGetDecimal(out var d) => SegmentValue.Of(d),
                    _ => throw Fail($"{path}.values[{i}]", "a string or a number", v.ValueKind.ToString().ToLowerInvariant()),
                });
                i++;
            }
        }

        return (op, values);
    }

    private static string String(JsonElement e, string path)
        => e.ValueKind == JsonValueKind.String ? e.GetString()! : throw Fail(path, "a string", e.ValueKind.ToString().ToLowerInvariant());

    private static SegmentSyntaxException Fail(string path, string expected, string received) => new(0, 0, path, expected, received);
}
