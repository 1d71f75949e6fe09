using Commerce.Testing.Temporal.Visibility;
using Temporalio.Api.Enums.V1;

namespace Commerce.Testing.Temporal.Tests;

/// <summary>The visibility query parser and evaluator on their own, over hand-made visibility records.</summary>
public sealed class VisibilityQueryTests
{
    private static readonly Dictionary<string, IndexedValueType> Custom = new()
    {
        ["OrderId"] = IndexedValueType.Keyword,
        ["Tags"] = IndexedValueType.KeywordList,
        ["Amount"] = IndexedValueType.Int,
    };

    private static readonly DateTimeOffset Noon = new(2026, 1, 31, 12, 0, 0, TimeSpan.Zero);

    private static readonly VisibilityRecord Order42 = new("wf-42", "OrderSaga", WorkflowExecutionStatus.Running, Noon,
        new Dictionary<string, IReadOnlyList<string>> { ["OrderId"] = ["42"], ["Tags"] = ["rush", "gift"] });

    private static readonly VisibilityRecord Untagged = new("wf-7", "Refund", WorkflowExecutionStatus.Completed, Noon.AddHours(1),
        new Dictionary<string, IReadOnlyList<string>>());

    private static bool[] Evaluate(string query)
    {
        var parsed = VisibilityQueryParser.Parse(query, Custom);
        return [parsed?.Matches(Order42) ?? true, parsed?.Matches(Untagged) ?? true];
    }

    [Theory]
    [InlineData("", true, true)]
    [InlineData("WorkflowId = 'wf-42'", true, false)]
    [InlineData("WorkflowId != 'wf-42'", false, true)]
    [InlineData("WorkflowType IN ('OrderSaga', \"Refund\")", true, true)]
    [InlineData("ExecutionStatus = 'Running'", true, false)]
    [InlineData("ExecutionStatus = 'completed'", false, true)]
    [InlineData("OrderId = '42'", true, false)]
    [InlineData("OrderId != '43'", true, false)]
    [InlineData("`OrderId` = '42'", true, false)]
    [InlineData("Tags = 'gift'", true, false)]
    [InlineData("Tags != 'gift'", false, false)]
    [InlineData("StartTime > '2026-01-31T12:30:00Z'", false, true)]
    [InlineData("StartTime <= '2026-01-31T12:00:00Z'", true, false)]
    [InlineData("StartTime = '2026-01-31T13:00:00+00:00'", false, true)]
    [InlineData("WorkflowId = 'wf-42' OR WorkflowType = 'Refund' AND ExecutionStatus = 'Running'", true, false)]
    [InlineData("(WorkflowId = 'wf-42' OR WorkflowType = 'Refund') AND ExecutionStatus = 'Completed'", false, true)]
    [InlineData("WorkflowType = 'x' or WorkflowId in ('wf-7')", false, true)]
    public void A_supported_query_selects_exactly_the_matching_runs(string query, bool matchesOrder42, bool matchesUntagged) =>
        Assert.Equal([matchesOrder42, matchesUntagged], Evaluate(query));

    [Theory]
    [InlineData("WorkflowId LIKE 'wf-%'", "LIKE")]
    [InlineData("WorkflowId NOT IN ('a')", "NOT")]
    [InlineData("NOT WorkflowId = 'a'", "NOT")]
    [InlineData("StartTime BETWEEN '2026-01-01' AND '2026-02-01'", "BETWEEN")]
    [InlineData("WorkflowId = 'a' ORDER BY StartTime", "ORDER")]
    [InlineData("OrderId > '4'", ">")]
    [InlineData("Amount = '5'", "Amount")]
    [InlineData("CloseTime > '2026-01-01T00:00:00Z'", "CloseTime")]
    [InlineData("Nowhere = 'x'", "Nowhere")]
    [InlineData("ExecutionStatus = 'Sleeping'", "Sleeping")]
    [InlineData("StartTime > 'yesterday'", "yesterday")]
    [InlineData("WorkflowId = 42", "42")]
    [InlineData("WorkflowId = 'a' AND", "end")]
    [InlineData("(WorkflowId = 'a'", "')'")]
    [InlineData("WorkflowId = 'a", "never closed")]
    public void An_unsupported_or_malformed_query_is_refused_naming_what_is_wrong(string query, string named)
    {
        var refused = Assert.Throws<UnsupportedQueryException>(() => VisibilityQueryParser.Parse(query, Custom));

        Assert.Contains(named, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Quotes_inside_a_value_are_escaped_by_doubling_them()
    {
        var parsed = VisibilityQueryParser.Parse("WorkflowId = 'it''s'", Custom)!;

        Assert.True(parsed.Matches(Order42 with { WorkflowId = "it's" }));
    }
}
