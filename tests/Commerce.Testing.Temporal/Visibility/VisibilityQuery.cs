using Temporalio.Api.Enums.V1;

namespace Commerce.Testing.Temporal.Visibility;

/// <summary>What a visibility query can see of one run.</summary>
/// <param name="Keywords">Keyword and keyword-list search attributes of the run, by name, each as its values.</param>
internal sealed record VisibilityRecord(
    string WorkflowId,
    string WorkflowType,
    WorkflowExecutionStatus Status,
    DateTimeOffset StartTime,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Keywords)
{
    /// <summary>The values a keyword-like attribute has on this run; empty when the run does not have it.</summary>
    public IReadOnlyList<string> ValuesOf(string attribute) => attribute switch
    {
        VisibilityQueryParser.WorkflowId => [WorkflowId],
        VisibilityQueryParser.WorkflowType => [WorkflowType],
        VisibilityQueryParser.ExecutionStatus => [VisibilityQueryParser.StatusName(Status)],
        _ => Keywords.GetValueOrDefault(attribute) ?? [],
    };
}

/// <summary>A parsed visibility query: an expression tree that decides whether a run matches.</summary>
internal abstract record VisibilityQuery
{
    public abstract bool Matches(VisibilityRecord run);
}

internal sealed record AllOf(VisibilityQuery Left, VisibilityQuery Right) : VisibilityQuery
{
    public override bool Matches(VisibilityRecord run) => Left.Matches(run) && Right.Matches(run);
}

internal sealed record AnyOf(VisibilityQuery Left, VisibilityQuery Right) : VisibilityQuery
{
    public override bool Matches(VisibilityRecord run) => Left.Matches(run) || Right.Matches(run);
}

/// <summary>
/// <c>Attribute = 'v'</c>, <c>Attribute IN ('v', 'w')</c>, or with <paramref name="Negated"/> <c>Attribute != 'v'</c>. A
/// keyword list matches when any of its values does. As in SQL, a run without the attribute matches neither form.
/// </summary>
internal sealed record KeywordIn(string Attribute, IReadOnlyList<string> Values, bool Negated) : VisibilityQuery
{
    public override bool Matches(VisibilityRecord run)
    {
        var values = run.ValuesOf(Attribute);
        if (values.Count == 0)
        {
            return false;
        }
        var any = values.Any(v => Values.Contains(v, StringComparer.Ordinal));
        return Negated ? !any : any;
    }
}

internal enum Comparison
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

/// <summary><c>StartTime &gt;= '2026-01-01T00:00:00Z'</c> and the other comparisons of a timestamp.</summary>
internal sealed record StartTimeIs(Comparison Comparison, DateTimeOffset Value) : VisibilityQuery
{
    public override bool Matches(VisibilityRecord run) => Comparison switch
    {
        Comparison.Equal => run.StartTime == Value,
        Comparison.NotEqual => run.StartTime != Value,
        Comparison.Less => run.StartTime < Value,
        Comparison.LessOrEqual => run.StartTime <= Value,
        Comparison.Greater => run.StartTime > Value,
        _ => run.StartTime >= Value,
    };
}

/// <summary>A query this server cannot or will not run; the message names what it refuses.</summary>
internal sealed class UnsupportedQueryException(string message) : Exception(message);

/// <summary>A count's query: the runs it selects (all when null), and whether it groups them by status.</summary>
internal sealed record CountQuery(VisibilityQuery? Filter, bool GroupByExecutionStatus);
