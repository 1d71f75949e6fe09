using System.Diagnostics;
using System.Text;
using RabbitMQ.Client;

namespace Commerce.Messaging;

/// <summary>
/// Spans for publishing and handling integration events. The W3C trace context travels in message headers, so the
/// request that changed state, the publish, and every consumer's handling form one trace. The context is the outbox
/// row's, not whatever is current when the dispatcher sends: a publish continues the trace of the request that wrote
/// the event. Where the RabbitMQ client's own spans are recorded too (Aspire's integration turns them on), they nest
/// inside these: request → publish → the client's publish → the client's deliver → process.
/// </summary>
internal static class MessagingTelemetry
{
    public const string SourceName = "Commerce.Messaging";
    public const string TraceParentHeader = "traceparent";
    public const string TraceStateHeader = "tracestate";
    public const string OccurredAtHeader = "occurred-at";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>
    /// The publish span, in the trace of the request that wrote the event. Where that trace is not recorded this span is
    /// not either, yet its context must still be current while the client publishes: otherwise the client's own publish
    /// span would start a trace of its own and write that into the headers in place of the request's.
    /// </summary>
    public static Activity? StartPublish(string eventName, string? traceParent, string? traceState)
    {
        var name = $"{eventName} publish";
        var parent = Parent(traceParent, traceState);
        return Source.StartActivity(name, ActivityKind.Producer, parent)
            ?? (parent == default ? null : Unrecorded(name, parent));
    }

    public static Activity? StartProcess(string eventName, IDictionary<string, object?>? headers) =>
        Source.StartActivity($"{eventName} process", ActivityKind.Consumer, ProcessParent(headers));

    /// <summary>AMQP delivers string headers as bytes.</summary>
    public static string? HeaderText(IDictionary<string, object?>? headers, string name) =>
        headers is not null && headers.TryGetValue(name, out var value)
            ? value switch { byte[] bytes => Encoding.UTF8.GetString(bytes), string text => text, _ => null }
            : null;

    /// <summary>
    /// Inside the client's deliver span when there is one: it already continues the publisher's trace from these same
    /// headers (where the client put its own publish span), and handling is part of the delivery. Otherwise straight
    /// from the headers.
    /// </summary>
    private static ActivityContext ProcessParent(IDictionary<string, object?>? headers) =>
        Activity.Current is { Source.Name: RabbitMQActivitySource.SubscriberSourceName } delivery
            ? delivery.Context
            : Parent(HeaderText(headers, TraceParentHeader), HeaderText(headers, TraceStateHeader));

    private static Activity Unrecorded(string name, ActivityContext parent)
    {
        var activity = new Activity(name).SetParentId(parent.TraceId, parent.SpanId, parent.TraceFlags);
        activity.TraceStateString = parent.TraceState;
        return activity.Start();
    }

    private static ActivityContext Parent(string? traceParent, string? traceState) =>
        traceParent is not null && ActivityContext.TryParse(traceParent, traceState, out var parent) ? parent : default;
}
