using System.Diagnostics;
using System.Text;

namespace Commerce.Messaging;

/// <summary>
/// Spans for publishing and handling integration events. The W3C trace context travels in message headers, so the
/// request that changed state, the publish, and every consumer's handling form one trace.
/// </summary>
internal static class MessagingTelemetry
{
    public const string SourceName = "Commerce.Messaging";
    public const string TraceParentHeader = "traceparent";
    public const string TraceStateHeader = "tracestate";
    public const string OccurredAtHeader = "occurred-at";

    public static readonly ActivitySource Source = new(SourceName);

    public static Activity? StartPublish(string eventName, string? traceParent, string? traceState) =>
        Source.StartActivity($"{eventName} publish", ActivityKind.Producer, Parent(traceParent, traceState));

    public static Activity? StartProcess(string eventName, IDictionary<string, object?>? headers) =>
        Source.StartActivity(
            $"{eventName} process",
            ActivityKind.Consumer,
            Parent(HeaderText(headers, TraceParentHeader), HeaderText(headers, TraceStateHeader)));

    /// <summary>AMQP delivers string headers as bytes.</summary>
    public static string? HeaderText(IDictionary<string, object?>? headers, string name) =>
        headers is not null && headers.TryGetValue(name, out var value)
            ? value switch { byte[] bytes => Encoding.UTF8.GetString(bytes), string text => text, _ => null }
            : null;

    private static ActivityContext Parent(string? traceParent, string? traceState) =>
        traceParent is not null && ActivityContext.TryParse(traceParent, traceState, out var parent) ? parent : default;
}
