using System.Diagnostics;
using Commerce.Probe.Contracts;
using Commerce.Testing;
using RabbitMQ.Client;

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

        var trace = await FinishedAsync(spans, request.TraceId, "probe.thing-happened process");
        var publish = Assert.Single(trace, span => span.OperationName == "probe.thing-happened publish");
        var clientPublish = Assert.Single(trace, span => span.Source.Name == RabbitMQActivitySource.PublisherSourceName);
        var clientDeliver = Assert.Single(trace, span => span.Source.Name == RabbitMQActivitySource.SubscriberSourceName);
        var process = Assert.Single(trace, span => span.OperationName == "probe.thing-happened process");
        Assert.Equal(request.SpanId, publish.ParentSpanId);
        Assert.Equal(publish.SpanId, clientPublish.ParentSpanId);
        Assert.Equal(clientPublish.SpanId, clientDeliver.ParentSpanId);
        Assert.Equal(clientDeliver.SpanId, process.ParentSpanId);
    }

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
