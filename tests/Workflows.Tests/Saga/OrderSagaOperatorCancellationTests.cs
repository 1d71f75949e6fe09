extern alias temporaltestserver;

using Commerce.Payments.Contracts;
using Commerce.Workflows.Saga;
using temporaltestserver::Commerce.Testing.Temporal;
using Temporalio.Api.Enums.V1;
using Temporalio.Client;
using Temporalio.Exceptions;
using static Commerce.Workflows.Tests.Saga.SagaOrders;

namespace Commerce.Workflows.Tests.Saga;

/// <summary>
/// Temporal's own cancellation (the Temporal UI's Cancel, <c>temporal workflow cancel</c>: RequestCancelWorkflowExecution):
/// before the shipment exists the saga undoes what it did, cancels the order as cancelled by an operator and ends as
/// Canceled; once the shipment exists it is recorded and ignored, like the customer's late request.
/// </summary>
public sealed class OrderSagaOperatorCancellationTests(Participants participants, SagaServer server)
{
    private readonly SagaOrders _orders = new(participants);

    [Theory]
    [InlineData(ServerKind.InProcess)]
    [InlineData(ServerKind.Real)]
    public async Task An_operator_who_cancels_the_saga_in_its_grace_period_gets_the_payment_voided_the_stock_released_and_the_order_cancelled(ServerKind kind)
    {
        using var worker = new SagaWorker(participants, await server.ClientAsync(kind));
        // Long enough that only the cancellation can end the grace period.
        var input = await _orders.PlaceAsync(onHand: 5, quantity: 2, ApprovedCard) with { GracePeriod = TimeSpan.FromMinutes(5) };

        WorkflowFailedException? failure = null;
        OrderSagaProgress? outcome = null;
        WorkflowExecutionStatus? status = null;
        await worker.RunAsync(async () =>
        {
            var handle = await worker.StartAsync(input);
            await SagaWorker.WaitForEventAsync(handle, e => e.EventType == EventType.TimerStarted);
            await handle.CancelAsync();
            failure = await Assert.ThrowsAsync<WorkflowFailedException>(() => handle.GetResultAsync());
            (outcome, status) = await EndOfAsync(handle);
            var history = await SagaWorker.AssertReplaysAsync(handle);
            await SagaHistories.RecordIfAskedAsync(kind, SagaHistories.CancelledByAnOperator, history);
        });

        Assert.IsType<CanceledFailureException>(failure!.InnerException);
        Assert.Equal(WorkflowExecutionStatus.Canceled, status);
        Assert.Equal(SagaStatus.Cancelled, outcome!.Status);
        Assert.Equal(SagaReasons.CancelledByOperator, outcome.CancellationReason);
        Assert.Equal(SagaStepState.Done, SagaAssert.State(outcome, SagaStep.GracePeriod));
        Assert.Equal(SagaStepState.Compensated, SagaAssert.State(outcome, SagaStep.AuthorizePayment));
        Assert.Equal(SagaStepState.Compensated, SagaAssert.State(outcome, SagaStep.ReserveStock));
        await _orders.AssertVoidedThenReleasedThenCancelledAsync(input, SagaReasons.CancelledByOperator);
        Assert.False(await _orders.HasShipment(input.OrderId), "no shipment may be created for a cancelled order");
    }

    [Theory]
    [InlineData(ServerKind.InProcess)]
    [InlineData(ServerKind.Real)]
    public async Task An_operator_who_cancels_while_the_authorization_is_unreported_gets_the_authorized_payment_voided_and_the_order_cancelled(ServerKind kind)
    {
        using var worker = new SagaWorker(participants, await server.ClientAsync(kind));
        var input = await _orders.PlaceAsync(onHand: 5, quantity: 2, ApprovedCard);
        // Held after Payments authorized: the step took effect, and its activity is still running when the cancel comes.
        var gate = new ActivityGate(HoldPoint.AfterTheCall, nameof(SagaStep.AuthorizePayment));

        WorkflowFailedException? failure = null;
        OrderSagaProgress? outcome = null;
        WorkflowExecutionStatus? status = null;
        await worker.RunAsync(
            async () =>
            {
                var handle = await worker.StartAsync(input);
                await gate.NextAsync();
                Assert.Equal(PaymentStatus.Authorized, (await _orders.PaymentOf(input.OrderId)).Status);
                await handle.CancelAsync();
                failure = await Assert.ThrowsAsync<WorkflowFailedException>(() => handle.GetResultAsync());
                (outcome, status) = await EndOfAsync(handle);
                await SagaWorker.AssertReplaysAsync(handle);
            },
            gate);

        Assert.IsType<CanceledFailureException>(failure!.InnerException);
        Assert.Equal(WorkflowExecutionStatus.Canceled, status);
        Assert.Equal(SagaStatus.Cancelled, outcome!.Status);
        Assert.Equal(SagaReasons.CancelledByOperator, outcome.CancellationReason);
        Assert.Equal(SagaStepState.Compensated, SagaAssert.State(outcome, SagaStep.AuthorizePayment));
        Assert.Equal(SagaStepState.Compensated, SagaAssert.State(outcome, SagaStep.ReserveStock));
        Assert.Equal(SagaStepState.Pending, SagaAssert.State(outcome, SagaStep.GracePeriod));
        await _orders.AssertVoidedThenReleasedThenCancelledAsync(input, SagaReasons.CancelledByOperator);
        Assert.Equal([new("authorize", "approved"), new("void", "approved")], await _orders.ProcessorCallsOf(input.OrderId));
    }

    [Theory]
    [InlineData(ServerKind.InProcess)]
    [InlineData(ServerKind.Real)]
    public async Task An_operators_cancel_after_the_shipment_was_created_is_recorded_and_ignored_and_the_order_confirmed(ServerKind kind)
    {
        using var worker = new SagaWorker(participants, await server.ClientAsync(kind));
        var input = await _orders.PlaceAsync(onHand: 5, quantity: 2, ApprovedCard);
        // Capturing is the step after the shipment; the cancel comes while it runs, and must not abandon it.
        var gate = new ActivityGate(HoldPoint.BeforeTheCall, nameof(SagaStep.CapturePayment));

        OrderSagaProgress? outcome = null;
        WorkflowExecutionStatus? status = null;
        await worker.RunAsync(
            async () =>
            {
                var handle = await worker.StartAsync(input);
                var capture = await gate.NextAsync();
                await handle.CancelAsync();
                // The saga has seen the cancel (a workflow task completed after it) before the capture may go on.
                long cancelRequested = 0;
                await SagaWorker.WaitForEventAsync(handle, e =>
                {
                    cancelRequested = e.EventType == EventType.WorkflowExecutionCancelRequested ? e.EventId : cancelRequested;
                    return cancelRequested > 0 && e.EventType == EventType.WorkflowTaskCompleted;
                });
                capture.Release();
                outcome = await handle.GetResultAsync();
                status = (await handle.DescribeAsync()).Status;
                await SagaWorker.AssertReplaysAsync(handle);
            },
            gate);

        Assert.Equal(WorkflowExecutionStatus.Completed, status);
        Assert.Equal(SagaStatus.Confirmed, outcome!.Status);
        Assert.Equal(SagaReasons.CancelledByOperator, outcome.IgnoredCancellationReason);
        Assert.Null(outcome.CancellationReason);
        Assert.All(outcome.Steps, step => Assert.Equal(SagaStepState.Done, step.State));
        await _orders.AssertFulfilledOnceAsync(input, onHand: 5);
    }

    /// <summary>A cancelled saga returns nothing: its progress is read by the query, its status by describing it.</summary>
    private static async Task<(OrderSagaProgress Progress, WorkflowExecutionStatus Status)> EndOfAsync(
        WorkflowHandle<OrderSaga, OrderSagaProgress> handle) =>
        (await handle.QueryAsync(saga => saga.GetProgress()), (await handle.DescribeAsync()).Status);
}
