using System.Diagnostics;
using System.Text;
using OpenTelemetry.Context.Propagation;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Commerce.Messaging;

/// <summary>
/// Spans for publishing and handling integration events, with OpenTelemetry's messaging semantic conventions. The W3C
/// trace context travels in message headers, so the request that changed state, the publish, and every consumer's
/// handling form one trace. The context is the outbox row's, not whatever is current when the dispatcher sends: a
/// publish continues the trace of the request that wrote the event. Where the RabbitMQ client's own spans are recorded
/// too (Aspire's integration turns them on), they nest inside these: request → publish → the client's publish → the
/// client's deliver → process.
/// </summary>
internal static class MessagingTelemetry
{
    public const string SourceName = "Commerce.Messaging";
    public const string OccurredAtHeader = "occurred-at";

    public static readonly ActivitySource Source = new(SourceName);

    // The W3C propagator itself rather than Propagators.DefaultTextMapPropagator, which stays a no-op until an
    // OpenTelemetry SDK is built: the envelope (outbox columns and headers) carries the context whether or not this
    // process exports traces.
    private static readonly TraceContextPropagator Propagator = new();

    /// <summary>The current span's context as the outbox row stores it; nulls when there is none.</summary>
    public static (string? TraceParent, string? TraceState) CurrentContext()
    {
        var carrier = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Activity.Current is { } current)
        {
            Propagator.Inject(new PropagationContext(current.Context, default), carrier, (map, key, value) => map[key] = value);
        }

        return (carrier.GetValueOrDefault(Header.TraceParent), carrier.GetValueOrDefault(Header.TraceState));
    }

    /// <summary>
    /// The publish span, in the trace of the request that wrote the event. Where that trace is not recorded this span is
    /// not either, yet its context must still be current while the client publishes: otherwise the client's own publish
    /// span would start a trace of its own and write that into the headers in place of the request's.
    /// </summary>
    public static Activity? StartPublish(string exchange, string eventName, Guid messageId, string? traceParent, string? traceState)
    {
        var name = $"publish {eventName}";
        var stored = new Dictionary<string, string?>(StringComparer.Ordinal) { [Header.TraceParent] = traceParent, [Header.TraceState] = traceState };
        var parent = Propagator.Extract(default, stored, (map, key) => map.GetValueOrDefault(key) is { } value ? [value] : null).ActivityContext;
        return Source.StartActivity(name, ActivityKind.Producer, parent, Conventions(exchange, eventName, messageId, "send", "publish"))
            ?? (parent == default ? null : Unrecorded(name, parent));
    }

    /// <summary>Writes the publish span's context into the message's headers, where every consumer reads it.</summary>
    public static void Inject(Activity? publish, IDictionary<string, object?> headers)
    {
        if (publish is not null)
        {
            Propagator.Inject(new PropagationContext(publish.Context, default), headers, (map, key, value) => map[key] = value);
        }
    }

    public static Activity? StartProcess(string queue, BasicDeliverEventArgs delivery)
    {
        var tags = Conventions(delivery.Exchange, delivery.RoutingKey, delivery.BasicProperties.MessageId, "process", "process");
        tags.Add(new("messaging.destination.subscription.name", queue));
        tags.Add(new("messaging.rabbitmq.message.delivery_tag", (long)delivery.DeliveryTag));
        return Source.StartActivity($"process {delivery.RoutingKey}", ActivityKind.Consumer, ProcessParent(delivery.BasicProperties.Headers), tags);
    }

    /// <summary>AMQP delivers string headers as bytes.</summary>
    public static string? HeaderText(IDictionary<string, object?>? headers, string name) =>
        headers is not null && headers.TryGetValue(name, out var value)
            ? value switch { byte[] bytes => Encoding.UTF8.GetString(bytes), string text => text, _ => null }
            : null;

    private static List<KeyValuePair<string, object?>> Conventions(string exchange, string routingKey, object? messageId, string operationType, string operationName) =>
    [
        new("messaging.system", "rabbitmq"),
        new("messaging.destination.name", exchange),
        new("messaging.rabbitmq.destination.routing_key", routingKey),
        new("messaging.operation.type", operationType),
        new("messaging.operation.name", operationName),
        new("messaging.message.id", messageId?.ToString()),
    ];

    /// <summary>
    /// Inside the client's deliver span when there is one: it already continues the publisher's trace from these same
    /// headers (where the client put its own publish span), and handling is part of the delivery. Otherwise straight
    /// from the headers.
    /// </summary>
    private static ActivityContext ProcessParent(IDictionary<string, object?>? headers) =>
        Activity.Current is { Source.Name: RabbitMQActivitySource.SubscriberSourceName } delivery
            ? delivery.Context
            : Propagator.Extract(default, headers, (map, key) => HeaderText(map, key) is { } value ? [value] : null).ActivityContext;

    private static Activity Unrecorded(string name, ActivityContext parent)
    {
        var activity = new Activity(name).SetParentId(parent.TraceId, parent.SpanId, parent.TraceFlags);
        activity.TraceStateString = parent.TraceState;
        return activity.Start();
    }

    private static class Header
    {
        public const string TraceParent = "traceparent";
        public const string TraceState = "tracestate";
    }
}
