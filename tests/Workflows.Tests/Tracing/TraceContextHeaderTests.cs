using System.Diagnostics;
using Commerce.Workflows.Tracing;
using Temporalio.Api.Common.V1;
using Temporalio.Converters;

namespace Commerce.Workflows.Tests.Tracing;

public sealed class TraceContextHeaderTests
{
    [Fact]
    public void A_span_written_to_headers_reads_back_as_the_same_context()
    {
        using var span = new Activity("place order").SetIdFormat(ActivityIdFormat.W3C).Start();
        span.ActivityTraceFlags = ActivityTraceFlags.Recorded;
        span.TraceStateString = "vendor=value";

        var headers = TraceContextHeader.With(new Dictionary<string, Payload> { ["other"] = new Payload() }, span)!;
        var context = TraceContextHeader.ContextOf(headers.AsReadOnly());

        Assert.Equal(span.TraceId, context.TraceId);
        Assert.Equal(span.SpanId, context.SpanId);
        Assert.Equal(ActivityTraceFlags.Recorded, context.TraceFlags);
        Assert.Equal("vendor=value", context.TraceState);
        Assert.True(headers.ContainsKey("other"), "the headers already there must stay");
    }

    [Fact]
    public void The_header_has_the_shape_of_Temporals_own_tracing_interceptors()
    {
        using var span = new Activity("place order").SetIdFormat(ActivityIdFormat.W3C).Start();

        var headers = TraceContextHeader.With(null, span)!;

        var carrier = DataConverter.Default.PayloadConverter.ToValue<Dictionary<string, string>>(headers["_tracer-data"]);
        Assert.Equal(span.Id, carrier["traceparent"]);
    }

    [Fact]
    public void Without_a_span_or_a_header_nothing_is_added_and_nothing_is_read()
    {
        var headers = new Dictionary<string, Payload>();

        Assert.Same(headers, TraceContextHeader.With(headers, (Activity?)null));
        Assert.Same(headers, TraceContextHeader.With(headers, (Payload?)null));
        Assert.Equal(default, TraceContextHeader.ContextOf(headers.AsReadOnly()));
        Assert.Equal(default, TraceContextHeader.ContextOf(null));
    }

    [Fact]
    public void A_header_that_is_not_a_trace_context_reads_as_none()
    {
        var headers = new Dictionary<string, Payload>
        {
            [TraceContextHeader.Key] = DataConverter.Default.PayloadConverter.ToPayload(new Dictionary<string, string> { ["traceparent"] = "garbage" }),
        };

        Assert.Equal(default, TraceContextHeader.ContextOf(headers.AsReadOnly()));
    }
}
