extern alias temporaltestserver;

using Commerce.Inventory.Contracts;
using Commerce.Ordering.Contracts;
using Commerce.Payments.Contracts;
using Commerce.Shipping.Contracts;
using Commerce.Workflows.Saga;
using temporaltestserver::Commerce.Testing.Temporal;
using Temporalio.Api.Enums.V1;
using static Commerce.Workflows.Tests.Saga.SagaOrders;

namespace Commerce.Workflows.Tests.Saga;

/// <summary>The customer's <c>RequestCancellation</c> signal: honoured until the shipment exists, recorded and ignored after.</summary>
public sealed class OrderSagaCancellationTests(Participants participants, SagaServer server)
{
    private readonly SagaOrders _orders = new(participants);

    [Theory]
    [InlineData(ServerKind.InProcess)]
    [InlineData(ServerKind.Real)]
    public async Task A_customer_who_cancels_during_the_grace_period_gets_the_payment_voided_then_the_stock_released(ServerKind kind)
    {
        using var worker = new SagaWorker(participants, await server.ClientAsync(kind));
        // Long enough that only the signal can end the grace period.
        var input = await _orders.PlaceAsync(onHand: 5, quantity: 2, ApprovedCard) with { GracePeriod = TimeSpan.FromMinutes(5) };
        const string reason = "changed my mind";

        OrderSagaProgress? duringGrace = null;
        OrderSagaProgress? outcome = null;
        await worker.RunAsync(async () =>
        {
            var handle = await worker.StartAsync(input);
            await SagaWorker.WaitForEventAsync(handle, e => e.EventType == EventType.TimerStarted);
            duringGrace = await handle.QueryAsync(saga => saga.GetProgress());
            await handle.SignalAsync(saga => saga.RequestCancellationAsync(reason));
            outcome = await handle.GetResultAsync();
            var history = await SagaWorker.AssertReplaysAsync(handle);
            await SagaHistories.RecordIfAskedAsync(kind, SagaHistories.CancelledByTheCustomer, history);
        });

        SagaAssert.RunningAt(SagaStep.GracePeriod, duringGrace!);
        Assert.Equal(SagaStatus.Cancelled, outcome!.Status);
        Assert.Equal(reason, outcome.CancellationReason);
        Assert.Equal(SagaStepState.Pending, SagaAssert.State(outcome, SagaStep.CreateShipment));
        Assert.Equal(SagaStepState.Compensated, SagaAssert.State(outcome, SagaStep.AuthorizePayment));
        Assert.Equal(SagaStepState.Compensated, SagaAssert.State(outcome, SagaStep.ReserveStock));
        await _orders.AssertVoidedThenReleasedThenCancelledAsync(input, reason);
        Assert.False(await _orders.HasShipment(input.OrderId), "no shipment may be created for a cancelled order");
    }

    [Theory]
    [InlineData(ServerKind.InProcess)]
    [InlineData(ServerKind.Real)]
    public async Task A_cancellation_that_comes_after_the_shipment_was_created_is_recorded_and_ignored_and_the_order_confirmed(ServerKind kind)
    {
        using var worker = new SagaWorker(participants, await server.ClientAsync(kind));
        var input = await _orders.PlaceAsync(onHand: 5, quantity: 2, ApprovedCard);
        const string reason = "too late, sorry";
        // Capturing is the step after the shipment: once it is held, the saga has seen the shipment created.
        var gate = new ActivityGate(HoldPoint.BeforeTheCall, nameof(SagaStep.CapturePayment));

        OrderSagaProgress? outcome = null;
        OrderSagaProgress? afterTheSignal = null;
        await worker.RunAsync(
            async () =>
            {
                var handle = await worker.StartAsync(input);
                var capture = await gate.NextAsync();
                Assert.Equal(ShipmentStatus.Created, (await _orders.ShipmentOf(input.OrderId)).Status);
                await handle.SignalAsync(saga => saga.RequestCancellationAsync(reason));
                afterTheSignal = await handle.QueryAsync(saga => saga.GetProgress());
                capture.Release();
                outcome = await handle.GetResultAsync();
                await SagaWorker.AssertReplaysAsync(handle);
            },
            gate);

        Assert.Equal(reason, afterTheSignal!.IgnoredCancellationReason);
        SagaAssert.RunningAt(SagaStep.CapturePayment, afterTheSignal);
        Assert.Equal(SagaStatus.Pending, afterTheSignal.Status);
        Assert.Equal(SagaStatus.Confirmed, outcome!.Status);
        Assert.Equal(reason, outcome.IgnoredCancellationReason);
        Assert.Null(outcome.CancellationReason);
        Assert.All(outcome.Steps, step => Assert.Equal(SagaStepState.Done, step.State));
        // No compensation ran: captured, committed, shipped, confirmed.
        await _orders.AssertFulfilledOnceAsync(input, onHand: 5);
    }
}
