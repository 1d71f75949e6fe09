using System.Diagnostics;
using OpenTelemetry.Context.Propagation;
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

    // The W3C propagator itself, as Temporal's interceptors write it; Propagators.DefaultTextMapPropagator stays a
    // no-op until an OpenTelemetry SDK is built, and the context must travel whether or not this worker exports traces.
    private static readonly TraceContextPropagator Propagator = new();

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
        return Propagator.Extract(default, carrier, (map, key) => map.TryGetValue(key, out var value) ? [value] : null).ActivityContext;
    }

    private static Payload ToPayload(ActivityContext context)
    {
        var carrier = new Dictionary<string, string>(StringComparer.Ordinal);
        Propagator.Inject(new PropagationContext(context, default), carrier, (map, key, value) => map[key] = value);
        return DataConverter.Default.PayloadConverter.ToPayload(carrier);
    }
}
