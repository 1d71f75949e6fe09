extern alias temporaltestserver;

using System.Net;
using Commerce.Testing;
using Commerce.Workflows.Saga;
using Microsoft.Extensions.Hosting;
using temporaltestserver::Commerce.Testing.Temporal;
using Temporalio.Api.Enums.V1;
using Temporalio.Client;

namespace Commerce.Workflows.Tests.Temporal;

/// <summary>
/// The Workflows service started before its Temporal server, as under the AppHost: it waits, and once the server
/// answers it registers the saga's search attributes on it, starts its worker and its bridge's consumer.
/// </summary>
public sealed class WorkerStartupTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_worker_started_before_a_fresh_Temporal_server_registers_the_saga_search_attributes_then_consumes_and_becomes_healthy()
    {
        var port = LoopbackPorts.FindFree();
        await using var worker = await WorkflowsServiceHost.StartAsync(Environments.Production, $"127.0.0.1:{port}");
        var http = worker.CreateClient();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync(new Uri("/health", UriKind.Relative), Cancellation)).StatusCode);

        // A server that knows no custom search attribute: nobody but the worker registers them.
        await using var temporal = await TemporalTestServer.StartAsync(new TemporalTestServerOptions { Port = port }, Cancellation);
        var client = await TemporalClient.ConnectAsync(new(temporal.Address));

        // The consumer starts only once the worker is ready, so its appearing is the worker's signal.
        await BrokerQueues.WaitForConsumerAsync(worker.VirtualHost, Extensions.ServiceName, Cancellation);
        var registered = (await client.Connection.OperatorService.ListSearchAttributesAsync(new() { Namespace = client.Options.Namespace })).CustomAttributes;
        Assert.Equal(OrderSaga.SearchAttributes.OrderBy(a => a.Key), registered.OrderBy(a => a.Key));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/health", UriKind.Relative), Cancellation)).StatusCode);

        // Its worker polls the orders queue: a saga started there gets its first workflow task done.
        var input = new OrderSagaInput(Guid.NewGuid(), "customer-startup", [], "USD", 0m, Addresses.OrderAddress, "tok_none", TimeSpan.Zero);
        var saga = await client.StartWorkflowAsync(
            (OrderSaga s) => s.RunAsync(input), new WorkflowOptions(OrderSaga.WorkflowIdFor(input.OrderId), OrderSaga.TaskQueue));
        await Saga.SagaWorker.WaitForEventAsync(saga, e => e.EventType == EventType.WorkflowTaskCompleted);
        await saga.TerminateAsync("test over");
    }
}
