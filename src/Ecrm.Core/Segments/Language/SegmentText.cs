using System.Globalization;
using System.Text;

namespace Ecrm.Segments;

/// <summary>
/// The text form of segment rules: parse and format. Example:
/// <c>tier in ("gold", "platinum") and count(purchase, 30d, category = "手机") >= 2 and not city = "北京"</c>.
/// </summary>
/// <remarks>
/// <code>
/// rule      := or
/// or        := and ("or" and)*
/// and       := unary ("and" unary)*
/// unary     := "not" unary | "(" rule ")" | condition
/// condition := operand ( ("=" | "!=" | "&lt;" | "&lt;=" | "&gt;" | "&gt;=" | "contains" | "starts-with") literal
///                      | ["not"] "in" "(" literal ("," literal)* ")" | "exists" )
/// operand   := field | fn "(" event-type ["." event-field] ("," (duration | filter))* ")"
/// field     := name ("." name)*            e.g. tier, points, city, trait.vip-level
/// fn        := "count" | "sum" | "min" | "max" | "last"
/// filter    := event-field comparison       e.g. category = "手机", amount >= 100
/// literal   := "quoted text" | number
/// duration  := number ("m" | "h" | "d" | "w")      minutes, hours, days, weeks
/// </code>
/// Names are lowercase letters, digits, '-' and '_'. Text literals use \" and \\ escapes. A missing value (no such
/// trait, no events) makes every comparison false except under <c>not</c>.
/// </remarks>
public static class SegmentText
{
    private static readonly HashSet<string> Functions = new(StringComparer.Ordinal) { "count", "sum", "min", "max", "last" };

    /// <summary>Parses and type-checks a rule.</summary>
    /// <param name="text">The rule.</param>
    /// <returns>The expression.</returns>
    /// <exception cref="SegmentSyntaxException">A syntax or type error, with its line and column.</exception>
    public static SegmentExpression Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new Parser(Tokenizer.Tokenize(text));
        var expression = parser.ParseRule();
        parser.ExpectEnd();
        return expression;
    }

    /// <summary>Formats an expression in the canonical text form (parsing it gives the same expression back).</summary>
    /// <param name="expression">The expression.</param>
    /// <returns>The text.</returns>
    public static string Format(SegmentExpression expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var sb = new StringBuilder();
        Write(sb, expression, 0);
        return sb.ToString();
    }

    internal static string OperatorText(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => "=",
        ComparisonOperator.NotEqual => "!=",
        ComparisonOperator.Less => "<",
        ComparisonOperator.LessOrEqual => "<=",
        ComparisonOperator.Greater => ">",
        ComparisonOperator.GreaterOrEqual => ">=",
        ComparisonOperator.In => "in",
        ComparisonOperator.Contains => "contains",
        ComparisonOperator.StartsWith => "starts-with",
        ComparisonOperator.Exists => "exists",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    internal static ComparisonOperator? OperatorOf(string text) => text switch
    {
        "=" => ComparisonOperator.Equal,
        "!=" => ComparisonOperator.NotEqual,
        "<" => ComparisonOperator.Less,
        "<=" => ComparisonOperator.LessOrEqual,
        ">" => ComparisonOperator.Greater,
        ">=" => ComparisonOperator.GreaterOrEqual,
        "in" => ComparisonOperator.In,
        "contains" => ComparisonOperator.Contains,
        "starts-with" => ComparisonOperator.StartsWith,
        "exists" => ComparisonOperator.Exists,
        _ => null,
    };

    internal static string FormatDuration(TimeSpan d)
    {
        if (d.Ticks % TimeSpan.TicksPerDay == 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{d.Ticks / TimeSpan.TicksPerDay}d");
        }

        return d.Ticks % TimeSpan.TicksPerHour == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{d.Ticks / TimeSpan.TicksPerHour}h")
            : string.Create(CultureInfo.InvariantCulture, $"{d.Ticks / TimeSpan.TicksPerMinute}m");
    }

    internal static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = default;
        if (text.Length < 2 || !long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0 || n > 100_000)
        {
            return false;
        }

        duration = text[^1] switch
        {
            'm' => TimeSpan.FromMinutes(n),
            'h' => TimeSpan.FromHours(n),
            'd' => TimeSpan.FromDays(n),
            'w' => TimeSpan.FromDays(7 * n),
            _ => TimeSpan.Zero,
        };
        return duration > TimeSpan.Zero;
    }

    internal static string FormatOperand(SegmentOperand operand)
    {
        if (operand is FieldOperand f)
        {
            return f.Path;
        }

        var a = (AggregateOperand)operand;
        var sb = new StringBuilder();
        sb.Append(a.Function.ToString().ToLowerInvariant()).Append('(').Append(a.EventType.Name);
        if (a.Field is not null)
        {
            sb.Append('.').Append(a.Field);
        }

        if (a.Window is { } w)
        {
            sb.Append(", ").Append(FormatDuration(w));
        }

        foreach (var filter in a.Filters)
        {
            sb.Append(", ").Append(filter.Field).Append(' ');
            WriteComparison(sb, filter.Operator, filter.Values);
        }

        return sb.Append(')').ToString();
    }

    /// <param name="sb">The output.</param>
    /// <param name="e">The expression.</param>
    /// <param name="context">0 top level, 1 inside "or", 2 inside "and", 3 after "not".</param>
    private static void Write(StringBuilder sb, SegmentExpression e, int context)
    {
        switch (e)
        {
            case AnyOf any:
                Group(sb, context > 1, () => Join(sb, any.Items, " or ", 1));
                break;
            case AllOf all:
                Group(sb, context > 2, () => Join(sb, all.Items, " and ", 2));
                break;
            case Not not:
                sb.Append("not ");
                Write(sb, not.Inner, 3);
                break;
            case Condition c:
                sb.Append(FormatOperand(c.Operand)).Append(' ');
                WriteComparison(sb, c.Operator, c.Values);
                break;
            default:
                throw new ArgumentException($"expected a segment expression, received {e.GetType().Name}.", nameof(e));
        }
    }

    private static void WriteComparison(StringBuilder sb, ComparisonOperator op, IReadOnlyList<SegmentValue> values)
    {
        sb.Append(OperatorText(op));
        if (op == ComparisonOperator.In)
        {
            sb.Append(" (").AppendJoin(", ", values).Append(')');
        }
        else if (op != ComparisonOperator.Exists)
        {
            sb.Append(' ').Append(values[0]);
        }
    }

    private static void Group(StringBuilder sb, bool parenthesise, Action write)
    {
        if (parenthesise)
        {
            sb.Append('(');
        }

        write();
        if (parenthesise)
        {
            sb.Append(')');
        }
    }

    private static void Join(StringBuilder sb, IReadOnlyList<SegmentExpression> items, string separator, int context)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(separator);
            }

            Write(sb, items[i], context);
        }
    }

    private enum TokenKind
    {
        Name,
        Text,
        Number,
        Symbol,
        End,
    }

    private readonly record struct Token(TokenKind Kind, string Value, int Line, int Column)
    {
        public string Describe() => Kind switch
        {
            TokenKind.End => "the end of the rule",
            TokenKind.Text => $"the text \"{Value}\"",
            _ => $"'{Value}'",
        };
    }

    private static class Tokenizer
    {
        public static List<Token> Tokenize(string text)
        {
            var tokens = new List<Token>();
            int line = 1, lineStart = 0, i = 0;
            while (true)
            {
                while (i < text.Length && char.IsWhiteSpace(text[i]))
                {
                    if (text[i] == '\n')
                    {
                        line++;
                        lineStart = i + 1;
                    }

                    i++;
                }

                var column = i - lineStart + 1;
                if (i >= text.Length)
                {
                    tokens.Add(new Token(TokenKind.End, string.Empty, line, column));
                    return tokens;
                }

                var c = text[i];
                if (char.IsAsciiLetterLower(c) || c == '_')
                {
                    var start = i;
                    while (i < text.Length && (char.IsAsciiLetterLower(text[i]) || char.IsAsciiDigit(text[i]) || text[i] is '-' or '_'))
                    {
                        i++;
                    }

                    tokens.Add(new Token(TokenKind.Name, text[start..i], line, column));
                }
                else if (char.IsAsciiDigit(c) || (c == '-' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
                {
                    var start = i++;
                    while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.' || char.IsAsciiLetterLower(text[i])))
                    {
                        i++;
                    }

                    tokens.Add(new Token(TokenKind.Number, text[start..i], line, column));
                }
                else if (c == '"')
                {
                    var sb = new StringBuilder();
                    i++;
                    while (true)
                    {
                        if (i >= text.Length || text[i] == '\n')
                        {
                            throw new SegmentSyntaxException(line, column, $"line {line}, column {column}", "a closing '\"'", "the end of the line");
                        }

                        if (text[i] == '\\' && i + 1 < text.Length && text[i + 1] is '"' or '\\')
                        {
                            sb.Append(text[i + 1]);
                            i += 2;
                        }
                        else if (text[i] == '"')
                        {
                            i++;
                            break;
                        }
                        else
                        {
                            sb.Append(text[i++]);
                        }
                    }

                    tokens.Add(new Token(TokenKind.Text, sb.ToString(), line, column));
                }
                else if (c is '(' or ')' or ',' or '.' or '=')
                {
                    tokens.Add(new Token(TokenKind.Symbol, c.ToString(), line, column));
                    i++;
                }
                else if (c is '<' or '>' or '!')
                {
                    var two = i + 1 < text.Length && text[i + 1] == '=';
                    if (c == '!' && !two)
                    {
                        throw new SegmentSyntaxException(line, column, $"line {line}, column {column}", "'!='", "'!'");
                    }

                    tokens.Add(new Token(TokenKind.Symbol, two ? c + "=" : c.ToString(), line, column));
                    i += two ? 2 : 1;
                }
                else
                {
                    throw new SegmentSyntaxException(line, column, $"line {line}, column {column}", "a name, a literal, a comparison or a parenthesis", $"'{c}'");
                }
            }
        }
    }

    private sealed class Parser(List<Token> tokens)
    {
        private int _next;

        private Token Peek => tokens[_next];

        public void ExpectEnd()
        {
            if (Peek.Kind != TokenKind.End)
            {
                throw Error(Peek, "'and', 'or' or the end of the rule");
            }
        }

        public SegmentExpression ParseRule()
        {
            var items = new List<SegmentExpression> { ParseAnd() };
            while (IsName("or"))
            {
                _next++;
                items.Add(ParseAnd());
            }

            return items.Count == 1 ? items[0] : new AnyOf(items);
        }

        private SegmentExpression ParseAnd()
        {
            var items = new List<SegmentExpression> { ParseUnary() };
            while (IsName("and"))
            {
                _next++;
                items.Add(ParseUnary());
            }

            return items.Count == 1 ? items[0] : new AllOf(items);
        }

        private SegmentExpression ParseUnary()
        {
            if (IsName("not"))
            {
                _next++;
                return new Not(ParseUnary());
            }

            if (IsSymbol("("))
            {
                _next++;
                var inner = ParseRule();
                Expect(")", "')' or 'and' / 'or'");
                return inner;
            }

            return ParseCondition();
        }

        private SegmentExpression ParseCondition()
        {
            var start = Peek;
            var operand = ParseOperand();
            bool isNumber;
            if (operand is FieldOperand f)
            {
                isNumber = SegmentSchema.IsNumberField(f.Path)
                    ?? throw new SegmentSyntaxException(start.Line, start.Column, Where(start), $"a customer field ({SegmentSchema.DescribeFields()}) or an aggregate like count(purchase, 30d)", $"'{f.Path}'");
            }
            else
            {
                isNumber = true;
            }

            var negate = false;
            if (IsName("not"))
            {
                _next++;
                negate = true;
                if (!IsName("in"))
                {
                    throw Error(Peek, "'in' after 'not'");
                }
            }

            var (op, values) = ParseComparison(isNumber);
            var condition = new Condition(operand, op, values);
            return negate ? new Not(condition) : condition;
        }

        private (ComparisonOperator Op, List<SegmentValue> Values) ParseComparison(bool isNumber)
        {
            var at = Peek;
            var op = at.Kind is TokenKind.Symbol or TokenKind.Name ? OperatorOf(at.Value) : null;
            if (op is null)
            {
                throw Error(at, "a comparison (=, !=, <, <=, >, >=, in, contains, starts-with, exists)");
            }

            _next++;
            var values = new List<SegmentValue>();
            if (op == ComparisonOperator.In)
            {
                Expect("(", "'(' after 'in'");
                values.Add(ParseLiteral());
                while (IsSymbol(","))
                {
                    _next++;
                    values.Add(ParseLiteral());
                }

                Expect(")", "',' or ')'");
            }
            else if (op != ComparisonOperator.Exists)
            {
                values.Add(ParseLiteral());
            }

            if (SegmentSchema.Check(isNumber, op.Value, values) is { } problem)
            {
                throw new SegmentSyntaxException(at.Line, at.Column, Where(at), problem.Expected, problem.Received);
            }

            return (op.Value, values);
        }

        private SegmentOperand ParseOperand()
        {
            var name = Peek;
            if (name.Kind != TokenKind.Name || name.Value is "and" or "or" or "not")
            {
                throw Error(name, "a field such as tier, or an aggregate such as count(purchase, 30d)");
            }

            _next++;
            if (Functions.Contains(name.Value) && IsSymbol("("))
            {
                _next++;
                return ParseAggregate(name);
            }

            var path = new StringBuilder(name.Value);
            while (IsSymbol("."))
            {
                _next++;
                var part = Peek;
                if (part.Kind != TokenKind.Name)
                {
                    throw Error(part, "a name after '.'");
                }

                _next++;
                path.Append('.').Append(part.Value);
            }

            return new FieldOperand(path.ToString());
        }

        private AggregateOperand ParseAggregate(Token function)
        {
            var fn = Enum.Parse<AggregateFunction>(function.Value, ignoreCase: true);
            var typeToken = Peek;
            if (typeToken.Kind != TokenKind.Name)
            {
                throw Error(typeToken, "an event type such as purchase");
            }

            _next++;
            EventType type;
            try
            {
                type = EventType.FromName(typeToken.Value);
            }
            catch (TokenFormatException)
            {
                throw Error(typeToken, "an event type such as purchase (lowercase letters, digits and inner hyphens)");
            }

            string? field = null;
            if (IsSymbol("."))
            {
                _next++;
                var fieldToken = Peek;
                if (fieldToken.Kind != TokenKind.Name || SegmentSchema.IsNumberEventField(fieldToken.Value) != true)
                {
                    throw Error(fieldToken, $"a numeric event field ({string.Join(", ", SegmentSchema.EventNumberFields)})");
                }

                _next++;
                field = fieldToken.Value;
            }

            if (fn == AggregateFunction.Count && field is not null)
            {
                throw new SegmentSyntaxException(typeToken.Line, typeToken.Column, Where(typeToken), "an event type without a field for count", $"'{typeToken.Value}.{field}'");
            }

            if (fn != AggregateFunction.Count && field is null)
            {
                throw new SegmentSyntaxException(typeToken.Line, typeToken.Column, Where(typeToken), $"a numeric field for {function.Value}, like {typeToken.Value}.amount", $"'{typeToken.Value}'");
            }

            TimeSpan? window = null;
            var filters = new List<EventFilter>();
            while (IsSymbol(","))
            {
                _next++;
                var arg = Peek;
                if (arg.Kind == TokenKind.Number && window is null && filters.Count == 0)
                {
                    if (!TryParseDuration(arg.Value, out var w))
                    {
                        throw Error(arg, "a duration such as 30d, 12h, 90m or 4w");
                    }

                    _next++;
                    window = w;
                    continue;
                }

                if (arg.Kind != TokenKind.Name)
                {
                    throw Error(arg, window is null && filters.Count == 0 ? "a duration such as 30d, or a filter such as category = \"手机\"" : "a filter such as category = \"手机\"");
                }

                var isNumber = SegmentSchema.IsNumberEventField(arg.Value)
                    ?? throw Error(arg, $"an event field ({string.Join(", ", SegmentSchema.EventTextFields.Concat(SegmentSchema.EventNumberFields))})");
                _next++;
                var (op, values) = ParseComparison(isNumber);
                filters.Add(new EventFilter(arg.Value, op, values));
            }

            Expect(")", "',' or ')'");
            return new AggregateOperand(fn, type, field, window, filters);
        }

        private SegmentValue ParseLiteral()
        {
            var t = Peek;
            if (t.Kind == TokenKind.Text)
            {
                _next++;
                return SegmentValue.Of(t.Value);
            }

            if (t.Kind == TokenKind.Number && decimal.TryParse(t.Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n))
            {
                _next++;
                return SegmentValue.Of(n);
            }

            throw Error(t, "a number or a quoted text");
        }

        private void Expect(string symbol, string expected)
        {
            if (!IsSymbol(symbol))
            {
                throw Error(Peek, expected);
            }

            _next++;
        }

        private bool IsName(string name) => Peek.Kind == TokenKind.Name && Peek.Value == name;

        private bool IsSymbol(string symbol) => Peek.Kind == TokenKind.Symbol && Peek.Value == symbol;

        private static string Where(Token t) => $"line {t.Line}, column {t.Column}";

        private static SegmentSyntaxException Error(Token t, string expected) => new(t.Line, t.Column, Where(t), expected, t.Describe());
    }
}
