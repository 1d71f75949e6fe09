using System.Diagnostics;
using Temporalio.Api.Common.V1;
using Temporalio.Converters;

namespace Commerce.Workflows.Tracing;

/// <summary>
/// The W3C trace context in a Temporal header. The key and shape (a <c>traceparent</c>/<c>tracestate</c> map under
/// <c>_tracer-data</c>) are those of Temporal's own OpenTelemetry interceptors, so a trace also continues through
/// workers written with another SDK.
/// </summary>
public static class TraceContextHeader
{
    public const string Key = "_tracer-data";

    private const string TraceParent = "traceparent";
    private const string TraceState = "tracestate";

    /// <summary>The headers with the context of <paramref name="activity"/> added; unchanged when there is none.</summary>
    public static IDictionary<string, Payload>? With(IDictionary<string, Payload>? headers, Activity? activity) =>
        activity is null ? headers : With(headers, ToPayload(activity.Context));

    /// <summary>The headers with <paramref name="context"/> (already a header payload) added; unchanged when null.</summary>
    public static IDictionary<string, Payload>? With(IDictionary<string, Payload>? headers, Payload? context)
    {
        if (context is null)
        {
            return headers;
        }

        var copy = headers is null ? new Dictionary<string, Payload>() : new Dictionary<string, Payload>(headers);
        copy[Key] = context;
        return copy;
    }

    public static Payload? Find(IReadOnlyDictionary<string, Payload>? headers) =>
        headers is not null && headers.TryGetValue(Key, out var payload) ? payload : null;

    /// <summary>The context a header carries; <c>default</c> when there is none or it cannot be read.</summary>
    public static ActivityContext ContextOf(IReadOnlyDictionary<string, Payload>? headers)
    {
        if (Find(headers) is not { } payload)
        {
            return default;
        }

        var carrier = DataConverter.Default.PayloadConverter.ToValue<Dictionary<string, string>>(payload);
        return carrier.TryGetValue(TraceParent, out var traceParent)
            && ActivityContext.TryParse(traceParent, carrier.GetValueOrDefault(TraceState), out var context)
                ? context
                : default;
    }

    private static Payload ToPayload(ActivityContext context)
    {
        var carrier = new Dictionary<string, string>
        {
            [TraceParent] = $"00-{context.TraceId}-{context.SpanId}-{(context.TraceFlags.HasFlag(ActivityTraceFlags.Recorded) ? "01" : "00")}",
        };
        if (!string.IsNullOrEmpty(context.TraceState))
        {
            carrier[TraceState] = context.TraceState;
        }

        return DataConverter.Default.PayloadConverter.ToPayload(carrier);
    }
}
