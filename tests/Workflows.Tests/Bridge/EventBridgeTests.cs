using System.Text.Json;
using Commerce.Ordering.Contracts;
using Commerce.Testing;
using Commerce.Workflows.Saga;
using Commerce.Workflows.Tests.Saga;
using Commerce.Workflows.Tracing;
using Dapper;
using Npgsql;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.History.V1;
using Temporalio.Client;
using Temporalio.Common;
using Temporalio.Converters;
using Temporalio.Exceptions;

namespace Commerce.Workflows.Tests.Bridge;

/// <summary>
/// The bridge from Ordering's events to sagas, end to end: orders placed and cancelled through Ordering's API, the
/// events its outbox really publishes, the Workflows service consuming them and the saga running on its hosted worker.
/// </summary>
public sealed class EventBridgeTests(Participants participants, BridgeHost host) : IClassFixture<BridgeHost>
{
    private const string ApprovedCard = "4242 4242 4242 4242";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_order_placed_in_Ordering_starts_its_saga_which_confirms_the_order()
    {
        var (orderId, customerId) = await PlaceOrderAsync();

        var saga = await SagaOfAsync(orderId);
        var outcome = await saga.GetResultAsync();

        Assert.Equal(SagaStatus.Confirmed, outcome.Status);
        var order = await host.OrderingClient().GetOrderAsync(customerId, orderId, Cancellation);
        Assert.Equal(OrderStatus.Confirmed, order.Content!.Order.Status);
        var started = await StartedAsync(saga);
        // The input is the event; the grace period came from the service's configuration.
        var input = DataConverter.Default.PayloadConverter.ToValue<OrderSagaInput>(started.Input.Payloads_[0]);
        Assert.Equal(BridgeHost.GracePeriod, input.GracePeriod);
        Assert.Equal(customerId, input.CustomerId);
        // Findable from its very start, before any worker has run it.
        var attributes = SearchAttributeCollection.FromProto(started.SearchAttributes);
        Assert.Equal(orderId.ToString(), attributes.Get(OrderSaga.OrderIdAttribute));
        Assert.Equal(customerId, attributes.Get(OrderSaga.CustomerIdAttribute));
        Assert.Equal(SagaStatus.Pending, attributes.Get(OrderSaga.OrderStatusAttribute));
        await SagaWorker.AssertReplaysAsync(saga);
    }

    [Fact]
    public async Task The_same_OrderPlaced_delivered_again_and_published_twice_more_starts_one_saga_that_charges_once()
    {
        var deadLettersBefore = await BrokerQueues.MessageCountAsync(host.Broker, DeadLetterQueue, Cancellation);
        var (orderId, _) = await PlaceOrderAsync();
        var placed = await PublishedOrderPlacedAsync(orderId);

        // A second publish of the event while the saga runs, the same message again (a redelivery), and once more after
        // the saga has ended: a closed saga's id is never reused.
        var republished = await BrokerQueues.PublishEventAsync(host.Broker, placed, cancellationToken: Cancellation);
        await BrokerQueues.PublishEventAsync(host.Broker, placed, republished, cancellationToken: Cancellation);
        var saga = await SagaOfAsync(orderId);
        Assert.Equal(SagaStatus.Confirmed, (await saga.GetResultAsync()).Status);
        var afterTheEnd = await BrokerQueues.PublishEventAsync(host.Broker, placed, cancellationToken: Cancellation);

        await WaitUntilHandledAsync(republished, afterTheEnd);
        var runs = await host.Client.ListWorkflowsAsync($"WorkflowId = '{saga.Id}'").ToListAsync(Cancellation);
        Assert.Single(runs);
        Assert.Equal(WorkflowExecutionStatus.Completed, runs[0].Status);
        Assert.Equal(2, await participants.ProcessorCallsAsync(orderId)); // one authorization, one capture
        Assert.Equal(deadLettersBefore, await BrokerQueues.MessageCountAsync(host.Broker, DeadLetterQueue, Cancellation));
        await SagaWorker.AssertReplaysAsync(saga);
    }

    [Fact]
    public async Task A_cancellation_requested_in_Ordering_during_the_grace_period_cancels_the_saga_and_the_order()
    {
        var (orderId, customerId) = await PlaceOrderAsync();
        var saga = await SagaOfAsync(orderId);
        await WaitForGracePeriodAsync(saga);

        var requested = await host.OrderingClient().RequestCancellationAsync(
            customerId, orderId, new RequestCancellationRequest("found it cheaper"), Cancellation);
        Assert.True(requested.IsSuccessStatusCode, $"requesting cancellation answered {requested.StatusCode}");
        var outcome = await saga.GetResultAsync();

        Assert.Equal(SagaStatus.Cancelled, outcome.Status);
        Assert.Equal("found it cheaper", outcome.CancellationReason);
        var order = await host.OrderingClient().GetOrderAsync(customerId, orderId, Cancellation);
        Assert.Equal(OrderStatus.Cancelled, order.Content!.Order.Status);
        Assert.Equal("found it cheaper", order.Content.Order.CancellationReason);
        await SagaWorker.AssertReplaysAsync(saga);
    }

    [Fact]
    public async Task A_cancellation_for_a_saga_that_already_ended_is_acknowledged_and_changes_nothing()
    {
        var (orderId, customerId) = await PlaceOrderAsync();
        var saga = await SagaOfAsync(orderId);
        Assert.Equal(SagaStatus.Confirmed, (await saga.GetResultAsync()).Status);
        var deadLettersBefore = await BrokerQueues.MessageCountAsync(host.Broker, DeadLetterQueue, Cancellation);

        // Ordering itself refuses to ask once the order is confirmed; a message already on its way still arrives.
        var late = await BrokerQueues.PublishEventAsync(
            host.Broker, new OrderCancellationRequested(orderId, customerId, "too late"), cancellationToken: Cancellation);

        await WaitUntilHandledAsync(late);
        Assert.Equal(deadLettersBefore, await BrokerQueues.MessageCountAsync(host.Broker, DeadLetterQueue, Cancellation));
        Assert.Equal(SagaStatus.Confirmed, (await saga.QueryAsync(s => s.GetProgress())).Status);
        var order = await host.OrderingClient().GetOrderAsync(customerId, orderId, Cancellation);
        Assert.Equal(OrderStatus.Confirmed, order.Content!.Order.Status);
    }

    [Fact]
    public async Task A_cancellation_for_a_saga_that_was_never_started_is_retried_not_acknowledged_then_dead_lettered()
    {
        var deadLettersBefore = await BrokerQueues.MessageCountAsync(host.Broker, DeadLetterQueue, Cancellation);

        var early = await BrokerQueues.PublishEventAsync(
            host.Broker, new OrderCancellationRequested(Guid.NewGuid(), "customer-early", "changed my mind"), cancellationToken: Cancellation);

        // Retried BridgeHost.MaxDeliveries times (production: Extensions.BridgeMaxDeliveries), then parked for an operator.
        var deadLetters = await BrokerQueues.WaitForMessageCountAsync(
            host.Broker, DeadLetterQueue, deadLettersBefore + 1, TimeSpan.FromSeconds(30), Cancellation);
        Assert.Equal(deadLettersBefore + 1, deadLetters);
        Assert.Equal(0, await InboxRowsAsync(early));
    }

    [Fact]
    public async Task One_trace_spans_placing_the_order_publishing_it_starting_the_saga_and_every_activity()
    {
        using var spans = new SpanCollector("Microsoft.AspNetCore", "Commerce.Messaging", WorkflowsTelemetry.SourceName);

        var (orderId, _) = await PlaceOrderAsync();
        var saga = await SagaOfAsync(orderId);
        Assert.Equal(SagaStatus.Confirmed, (await saga.GetResultAsync()).Status);

        var activities = spans.Finished.Where(span => span.OperationName.StartsWith("RunActivity:", StringComparison.Ordinal)
            && (string?)span.GetTagItem("temporalWorkflowID") == saga.Id).ToList();
        Assert.Equal(
            ["RunActivity:ReserveStock", "RunActivity:AuthorizePayment", "RunActivity:CreateShipment", "RunActivity:CapturePayment", "RunActivity:CommitStock", "RunActivity:ConfirmOrder"],
            activities.OrderBy(span => span.StartTimeUtc).Select(span => span.OperationName));
        var trace = activities[0].TraceId;
        Assert.All(activities, span => Assert.Equal(trace, span.TraceId));
        var inTrace = spans.Finished.Where(span => span.TraceId == trace).ToList();
        var start = Assert.Single(inTrace, span => span.OperationName == "StartWorkflow:OrderSaga" && (string?)span.GetTagItem("temporalWorkflowID") == saga.Id);
        // Each activity continues the client's call through the header the workflow copies onto it.
        Assert.All(activities, span => Assert.Equal(start.SpanId, span.ParentSpanId));
        Assert.Contains(inTrace, span => span.OperationName == "publish ordering.order-placed");
        Assert.Contains(inTrace, span => span.OperationName == "process ordering.order-placed");
        // The root: Ordering's handling of the customer's POST /orders.
        var root = Assert.Single(inTrace, span => span.Parent is null && span.ParentSpanId == default);
        Assert.Equal("Microsoft.AspNetCore", root.Source.Name);
        Assert.Equal("POST", root.GetTagItem("http.request.method"));
        // The headers the interceptor adds change nothing a replay checks.
        await SagaWorker.AssertReplaysAsync(saga);
    }

    private static string DeadLetterQueue => $"{Extensions.ServiceName}.dead-letter";

    /// <summary>Places an order through Ordering's API, for one unit of a product in stock, paid with an approved card.</summary>
    private async Task<(Guid OrderId, string CustomerId)> PlaceOrderAsync()
    {
        await participants.AddStockAsync(productId: 1, units: 1);
        var customerId = $"customer-{Guid.NewGuid():N}";
        var orderId = await Participants.PlaceOrderAsync(host.OrderingClient(), customerId, await participants.TokenizeAsync(ApprovedCard));
        return (orderId, customerId);
    }

    /// <summary>The order's saga, once the bridge has started it.</summary>
    private async Task<WorkflowHandle<OrderSaga, OrderSagaProgress>> SagaOfAsync(Guid orderId)
    {
        var saga = host.Client.GetWorkflowHandle<OrderSaga, OrderSagaProgress>(OrderSaga.WorkflowIdFor(orderId));
        var giveUp = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            try
            {
                await saga.DescribeAsync();
                return saga;
            }
            catch (RpcException exception) when (exception.Code == RpcException.StatusCode.NotFound && DateTime.UtcNow < giveUp)
            {
                await Task.Delay(50, Cancellation);
            }
        }
    }

    private static async Task WaitForGracePeriodAsync(WorkflowHandle<OrderSaga, OrderSagaProgress> saga)
    {
        var giveUp = DateTime.UtcNow + BridgeHost.GracePeriod;
        while ((await saga.QueryAsync(s => s.GetProgress())).Steps.Single(s => s.Step == SagaStep.GracePeriod).State != SagaStepState.Running)
        {
            Assert.True(DateTime.UtcNow < giveUp, "the saga never reached its grace period");
            await Task.Delay(20, Cancellation);
        }
    }

    private static async Task<WorkflowExecutionStartedEventAttributes> StartedAsync(WorkflowHandle saga) =>
        (await saga.FetchHistoryAsync()).Events.First(e => e.EventType == EventType.WorkflowExecutionStarted).WorkflowExecutionStartedEventAttributes;

    /// <summary>The OrderPlaced Ordering's outbox published for the order, exactly as published.</summary>
    private async Task<OrderPlaced> PublishedOrderPlacedAsync(Guid orderId)
    {
        await using var connection = new NpgsqlConnection(host.Ordering.ConnectionString);
        var payload = await connection.QuerySingleAsync<string>(
            "SELECT payload::text FROM outbox_messages WHERE event_name = 'ordering.order-placed' AND payload->>'orderId' = @id",
            new { id = orderId.ToString() });
        return JsonSerializer.Deserialize<OrderPlaced>(payload, Json)!;
    }

    /// <summary>Waits until the bridge has handled (and committed to its inbox) every one of the messages.</summary>
    private async Task WaitUntilHandledAsync(params Guid[] messageIds)
    {
        var giveUp = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (await InboxRowsAsync(messageIds) < messageIds.Length)
        {
            Assert.True(DateTime.UtcNow < giveUp, "the bridge never handled the messages");
            await Task.Delay(50, Cancellation);
        }
    }

    private async Task<long> InboxRowsAsync(params Guid[] messageIds)
    {
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        return await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM inbox_messages WHERE message_id = ANY(@messageIds)", new { messageIds });
    }
}
