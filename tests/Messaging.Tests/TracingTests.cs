using System.Diagnostics;
using Commerce.Probe.Contracts;
using Commerce.Testing;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace Commerce.Messaging.Tests;

public sealed class TracingTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Handling_an_event_continues_the_trace_of_the_request_that_wrote_it_through_the_clients_own_publish_and_deliver_spans()
    {
        using var spans = new SpanCollector(
            MessagingTelemetry.SourceName, RabbitMQActivitySource.PublisherSourceName, RabbitMQActivitySource.SubscriberSourceName);
        var broker = await (await RabbitMqServer.SharedAsync(Cancellation)).CreateVirtualHostAsync("tracing", Cancellation);
        await using var service = await MessagingHost.StartAsync(await MessagingHost.CreateDatabaseAsync(Cancellation), broker, cancellationToken: Cancellation);
        using var request = new Activity("place order").SetIdFormat(ActivityIdFormat.W3C).Start();

        await service.EnqueueAsync([new ThingHappened("traced")], cancellationToken: Cancellation);
        request.Stop();

        var trace = await FinishedAsync(spans, request.TraceId, "process probe.thing-happened");
        // The client names its own spans the same way (operation, then routing key): ours are told apart by their source.
        var publish = Assert.Single(trace, span => span.Source.Name == MessagingTelemetry.SourceName && span.OperationName == "publish probe.thing-happened");
        var clientPublish = Assert.Single(trace, span => span.Source.Name == RabbitMQActivitySource.PublisherSourceName);
        var clientDeliver = Assert.Single(trace, span => span.Source.Name == RabbitMQActivitySource.SubscriberSourceName);
        var process = Assert.Single(trace, span => span.Source.Name == MessagingTelemetry.SourceName && span.OperationName == "process probe.thing-happened");
        Assert.Equal(request.SpanId, publish.ParentSpanId);
        Assert.Equal(publish.SpanId, clientPublish.ParentSpanId);
        Assert.Equal(clientPublish.SpanId, clientDeliver.ParentSpanId);
        Assert.Equal(clientDeliver.SpanId, process.ParentSpanId);
        Assert.Equal((ActivityKind.Producer, ActivityKind.Consumer), (publish.Kind, process.Kind));
        AssertConventions(publish, "send", "publish");
        AssertConventions(process, "process", "process");
        Assert.Equal(publish.GetTagItem("messaging.message.id"), process.GetTagItem("messaging.message.id"));
        Assert.Equal("probe", process.GetTagItem("messaging.destination.subscription.name"));
    }

    [Fact]
    public void A_publish_writes_its_own_context_into_the_headers_continuing_the_stored_one()
    {
        using var spans = new SpanCollector(MessagingTelemetry.SourceName);
        var stored = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, "vendor=value");
        var headers = new Dictionary<string, object?>();

        using (var publish = MessagingTelemetry.StartPublish("commerce.events", "probe.thing-happened", Guid.NewGuid(), TraceParentOf(stored), stored.TraceState))
        {
            MessagingTelemetry.Inject(publish, headers);
        }

        // Other tests publish beside this one: only this trace's span counts.
        var span = Assert.Single(spans.Finished, finished => finished.TraceId == stored.TraceId);
        Assert.Equal((stored.TraceId, stored.SpanId), (span.TraceId, span.ParentSpanId));
        Assert.Equal(span.Id, headers["traceparent"]);
        Assert.Equal("vendor=value", headers["tracestate"]);
    }

    [Fact]
    public void Without_the_clients_deliver_span_the_process_span_continues_the_trace_in_the_headers()
    {
        using var spans = new SpanCollector(MessagingTelemetry.SourceName);
        var published = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
        var messageId = Guid.NewGuid().ToString();
        // As AMQP delivers them: string headers arrive as bytes.
        var properties = new BasicProperties
        {
            MessageId = messageId,
            Headers = new Dictionary<string, object?> { ["traceparent"] = System.Text.Encoding.UTF8.GetBytes(TraceParentOf(published)) },
        };
        var delivery = new BasicDeliverEventArgs("consumer", 7, redelivered: false, "commerce.events", "probe.thing-happened", properties, ReadOnlyMemory<byte>.Empty);

        MessagingTelemetry.StartProcess("probe", delivery)?.Dispose();

        var process = Assert.Single(spans.Finished, finished => finished.TraceId == published.TraceId);
        Assert.Equal((published.TraceId, published.SpanId), (process.TraceId, process.ParentSpanId));
        Assert.Equal("process probe.thing-happened", process.OperationName);
        Assert.Equal(messageId, process.GetTagItem("messaging.message.id"));
        Assert.Equal(7L, process.GetTagItem("messaging.rabbitmq.message.delivery_tag"));
        AssertConventions(process, "process", "process");
    }

    private static void AssertConventions(Activity span, string operationType, string operationName)
    {
        Assert.Equal("rabbitmq", span.GetTagItem("messaging.system"));
        Assert.Equal("commerce.events", span.GetTagItem("messaging.destination.name"));
        Assert.Equal("probe.thing-happened", span.GetTagItem("messaging.rabbitmq.destination.routing_key"));
        Assert.Equal(operationType, span.GetTagItem("messaging.operation.type"));
        Assert.Equal(operationName, span.GetTagItem("messaging.operation.name"));
        Assert.False(string.IsNullOrEmpty(span.GetTagItem("messaging.message.id") as string), $"{span.OperationName} has no message id");
    }

    private static string TraceParentOf(ActivityContext context) => $"00-{context.TraceId}-{context.SpanId}-01";

    /// <summary>The finished spans of <paramref name="traceId"/>, once the one named <paramref name="last"/> is among them.</summary>
    private static async Task<IReadOnlyList<Activity>> FinishedAsync(SpanCollector spans, ActivityTraceId traceId, string last)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var trace = spans.Finished.Where(span => span.TraceId == traceId).ToList();
            if (trace.Any(span => span.OperationName == last) || DateTime.UtcNow >= deadline)
            {
                return trace;
            }

            await Task.Delay(100, Cancellation);
        }
    }
}
