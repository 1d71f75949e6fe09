using System.Globalization;
using System.Text;
using Temporalio.Api.Enums.V1;

namespace Commerce.Testing.Temporal.Visibility;

/// <summary>
/// The part of Temporal's visibility query language an operator uses: <c>=</c>, <c>!=</c>, <c>IN</c>, <c>AND</c>,
/// <c>OR</c> and parentheses over WorkflowId, WorkflowType, ExecutionStatus and keyword search attributes, plus
/// <c>&lt; &lt;= &gt; &gt;=</c> on StartTime. A recursive-descent parser over <see cref="QueryTokenizer"/>'s tokens;
/// anything else is refused with an <see cref="UnsupportedQueryException"/> naming it.
/// </summary>
internal sealed class VisibilityQueryParser
{
    public const string WorkflowId = "WorkflowId";
    public const string WorkflowType = "WorkflowType";
    public const string ExecutionStatus = "ExecutionStatus";
    public const string StartTime = "StartTime";

    private static readonly Dictionary<string, WorkflowExecutionStatus> StatusesByName =
        Enum.GetValues<WorkflowExecutionStatus>()
            .Where(s => s != WorkflowExecutionStatus.Unspecified)
            .ToDictionary(StatusName, StringComparer.OrdinalIgnoreCase);

    private readonly IReadOnlyList<QueryToken> _tokens;
    private readonly IReadOnlyDictionary<string, IndexedValueType> _customAttributes;
    private int _position;

    private VisibilityQueryParser(IReadOnlyList<QueryToken> tokens, IReadOnlyDictionary<string, IndexedValueType> customAttributes)
    {
        _tokens = tokens;
        _customAttributes = customAttributes;
    }

    /// <summary>The name a query uses for a status: <c>Running</c>, <c>ContinuedAsNew</c>, …</summary>
    public static string StatusName(WorkflowExecutionStatus status) => status.ToString();

    /// <summary>Parses <paramref name="query"/>; null when it is empty (every run matches).</summary>
    /// <param name="query">The query text.</param>
    /// <param name="customAttributes">The namespace's search attributes besides the built-in ones.</param>
    /// <exception cref="UnsupportedQueryException">The query uses something not supported here, or is malformed.</exception>
    public static VisibilityQuery? Parse(string? query, IReadOnlyDictionary<string, IndexedValueType> customAttributes) =>
        Parse(QueryTokenizer.Tokenize(query ?? ""), customAttributes);

    /// <summary>
    /// Parses a count's query, which may end in <c>GROUP BY ExecutionStatus</c>: the one grouping a real server counts
    /// by, and what the Web UI asks for its status totals.
    /// </summary>
    /// <exception cref="UnsupportedQueryException">The query uses something not supported here, or is malformed.</exception>
    public static CountQuery ParseCount(string? query, IReadOnlyDictionary<string, IndexedValueType> customAttributes)
    {
        var tokens = QueryTokenizer.Tokenize(query ?? "");
        var group = tokens.Count - 4;
        if (group >= 0 && tokens[group].IsWord("GROUP") && tokens[group + 1].IsWord("BY")
            && tokens[group + 2].IsWord(ExecutionStatus) && tokens[group + 3].Kind == TokenKind.End)
        {
            return new CountQuery(Parse([.. tokens.Take(group), tokens[^1]], customAttributes), GroupByExecutionStatus: true);
        }
        return new CountQuery(Parse(tokens, customAttributes), GroupByExecutionStatus: false);
    }

    private static VisibilityQuery? Parse(IReadOnlyList<QueryToken> tokens, IReadOnlyDictionary<string, IndexedValueType> customAttributes)
    {
        if (tokens[0].Kind == TokenKind.End)
        {
            return null;
        }
        var parser = new VisibilityQueryParser(tokens, customAttributes);
        var expression = parser.ParseOr();
        var rest = parser.Peek;
        if (rest.Kind != TokenKind.End)
        {
            throw rest.IsWord("ORDER") || rest.IsWord("GROUP") || rest.IsWord("LIMIT")
                ? new UnsupportedQueryException($"{rest.Text.ToUpperInvariant()} clauses are not supported.")
                : Unexpected(rest, "AND, OR or the end of the query");
        }
        return expression;
    }

    private QueryToken Peek => _tokens[_position];

    private QueryToken Next() => _tokens[_position++];

    private VisibilityQuery ParseOr()
    {
        var left = ParseAnd();
        while (Peek.IsWord("OR"))
        {
            Next();
            left = new AnyOf(left, ParseAnd());
        }
        return left;
    }

    private VisibilityQuery ParseAnd()
    {
        var left = ParsePrimary();
        while (Peek.IsWord("AND"))
        {
            Next();
            left = new AllOf(left, ParsePrimary());
        }
        return left;
    }

    private VisibilityQuery ParsePrimary()
    {
        var token = Next();
        if (token.Kind == TokenKind.OpenParenthesis)
        {
            var inner = ParseOr();
            Expect(TokenKind.CloseParenthesis, "')'");
            return inner;
        }
        if (token.IsWord("NOT"))
        {
            throw new UnsupportedQueryException("The NOT operator is not supported.");
        }
        if (token.Kind != TokenKind.Word)
        {
            throw Unexpected(token, "a search attribute name");
        }
        return ParsePredicate(token.Text);
    }

    private VisibilityQuery ParsePredicate(string attribute)
    {
        var kind = KindOf(attribute);
        var op = Next();
        if (op.IsWord("IN"))
        {
            Expect(TokenKind.OpenParenthesis, "'(' after IN");
            var values = new List<string> { ExpectValue(attribute, kind) };
            while (Peek.Kind == TokenKind.Comma)
            {
                Next();
                values.Add(ExpectValue(attribute, kind));
            }
            Expect(TokenKind.CloseParenthesis, "')' closing the IN list");
            return kind == AttributeKind.Timestamp
                ? throw new UnsupportedQueryException($"IN on the timestamp {attribute} is not supported.")
                : new KeywordIn(attribute, values, Negated: false);
        }
        if (op.Kind == TokenKind.Word)
        {
            // NOT IN, LIKE, BETWEEN, IS NULL, STARTS_WITH …
            throw new UnsupportedQueryException($"The {op.Text.ToUpperInvariant()} operator is not supported.");
        }
        if (op.Kind != TokenKind.Operator)
        {
            throw Unexpected(op, $"an operator after {attribute}");
        }
        var comparison = op.Text switch
        {
            "=" => Comparison.Equal,
            "!=" or "<>" => Comparison.NotEqual,
            "<" => Comparison.Less,
            "<=" => Comparison.LessOrEqual,
            ">" => Comparison.Greater,
            _ => Comparison.GreaterOrEqual,
        };
        var value = ExpectValue(attribute, kind);
        if (kind == AttributeKind.Timestamp)
        {
            return new StartTimeIs(comparison, DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal));
        }
        return comparison switch
        {
            Comparison.Equal => new KeywordIn(attribute, [value], Negated: false),
            Comparison.NotEqual => new KeywordIn(attribute, [value], Negated: true),
            _ => throw new UnsupportedQueryException(
                $"The {op.Text} operator on the keyword {attribute} is not supported; only StartTime is compared that way."),
        };
    }

    private enum AttributeKind
    {
        Keyword,
        Status,
        Timestamp,
    }

    private AttributeKind KindOf(string attribute)
    {
        switch (attribute)
        {
            case WorkflowId or WorkflowType:
                return AttributeKind.Keyword;
            case ExecutionStatus:
                return AttributeKind.Status;
            case StartTime:
                return AttributeKind.Timestamp;
        }
        if (_customAttributes.TryGetValue(attribute, out var type))
        {
            return type is IndexedValueType.Keyword or IndexedValueType.KeywordList
                ? AttributeKind.Keyword
                : throw new UnsupportedQueryException(
                    $"The search attribute {attribute} is of type {type}; only Keyword and KeywordList attributes are supported in queries.");
        }
        throw new UnsupportedQueryException(
            $"The search attribute {attribute} is not supported in queries: it is neither registered nor one of WorkflowId, WorkflowType, ExecutionStatus, StartTime.");
    }

    /// <summary>The next token as a value of <paramref name="attribute"/>, checked and normalised for its kind.</summary>
    private string ExpectValue(string attribute, AttributeKind kind)
    {
        var token = Next();
        if (token.Kind == TokenKind.Number)
        {
            throw new UnsupportedQueryException($"The numeric value {token.Text} is not supported; quote keyword and timestamp values.");
        }
        if (token.Kind != TokenKind.String)
        {
            throw Unexpected(token, $"a quoted value for {attribute}");
        }
        switch (kind)
        {
            case AttributeKind.Status when StatusesByName.TryGetValue(token.Text, out var status):
                return StatusName(status);
            case AttributeKind.Status:
                throw new UnsupportedQueryException(
                    $"'{token.Text}' is not an ExecutionStatus; use one of {string.Join(", ", StatusesByName.Keys)}.");
            case AttributeKind.Timestamp when !DateTimeOffset.TryParse(token.Text, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out _):
                throw new UnsupportedQueryException($"'{token.Text}' is not a timestamp for {attribute}; use RFC 3339, e.g. 2026-01-31T12:00:00Z.");
            default:
                return token.Text;
        }
    }

    private void Expect(TokenKind kind, string what)
    {
        var token = Next();
        if (token.Kind != kind)
        {
            throw Unexpected(token, what);
        }
    }

    private static UnsupportedQueryException Unexpected(QueryToken token, string expected) =>
        new(token.Kind == TokenKind.End
            ? $"The query ends where {expected} was expected."
            : $"Unexpected '{token.Text}' at position {token.Position}; expected {expected}.");
}

internal enum TokenKind
{
    Word,
    String,
    Number,
    Operator,
    OpenParenthesis,
    CloseParenthesis,
    Comma,
    End,
}

/// <param name="Position">Zero-based offset of the token in the query, for error messages.</param>
internal sealed record QueryToken(TokenKind Kind, string Text, int Position)
{
    public bool IsWord(string word) => Kind == TokenKind.Word && string.Equals(Text, word, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Splits a visibility query into words (bare or `back-quoted`), quoted strings, numbers and operators.</summary>
internal static class QueryTokenizer
{
    public static List<QueryToken> Tokenize(string query)
    {
        var tokens = new List<QueryToken>();
        var i = 0;
        while (i < query.Length)
        {
            var c = query[i];
            var start = i;
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '(' or ')' or ',')
            {
                tokens.Add(new(c switch { '(' => TokenKind.OpenParenthesis, ')' => TokenKind.CloseParenthesis, _ => TokenKind.Comma },
                    c.ToString(), start));
                i++;
            }
            else if (c is '\'' or '"' or '`')
            {
                var text = ReadQuoted(query, ref i);
                tokens.Add(new(c == '`' ? TokenKind.Word : TokenKind.String, text, start));
            }
            else if (c is '=' or '!' or '<' or '>')
            {
                var two = i + 1 < query.Length ? query.Substring(i, 2) : "";
                var op = two is "!=" or "<>" or "<=" or ">=" ? two : c.ToString();
                if (op == "!")
                {
                    throw new UnsupportedQueryException($"Unexpected '!' at position {start}; did you mean '!='?");
                }
                tokens.Add(new(TokenKind.Operator, op, start));
                i += op.Length;
            }
            else if (char.IsLetter(c) || c == '_')
            {
                while (i < query.Length && (char.IsLetterOrDigit(query[i]) || query[i] is '_' or '.'))
                {
                    i++;
                }
                tokens.Add(new(TokenKind.Word, query[start..i], start));
            }
            else if (char.IsDigit(c) || c == '-')
            {
                i++;
                while (i < query.Length && (char.IsDigit(query[i]) || query[i] == '.'))
                {
                    i++;
                }
                tokens.Add(new(TokenKind.Number, query[start..i], start));
            }
            else
            {
                throw new UnsupportedQueryException($"Unexpected '{c}' at position {start}.");
            }
        }
        tokens.Add(new(TokenKind.End, "", query.Length));
        return tokens;
    }

    /// <summary>Reads a quoted run starting at <paramref name="i"/>; a doubled quote or a backslash escapes the quote.</summary>
    private static string ReadQuoted(string query, ref int i)
    {
        var quote = query[i];
        var start = i;
        var text = new StringBuilder();
        i++;
        while (i < query.Length)
        {
            var c = query[i];
            if (c == '\\' && i + 1 < query.Length)
            {
                text.Append(query[i + 1]);
                i += 2;
            }
            else if (c == quote && i + 1 < query.Length && query[i + 1] == quote)
            {
                text.Append(quote);
                i += 2;
            }
            else if (c == quote)
            {
                i++;
                return text.ToString();
            }
            else
            {
                text.Append(c);
                i++;
            }
        }
        throw new UnsupportedQueryException($"The quote opened at position {start} is never closed.");
    }
}
