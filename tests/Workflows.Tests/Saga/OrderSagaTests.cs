extern alias temporaltestserver;

using Commerce.Inventory.Contracts;
using Commerce.Ordering.Contracts;
using Commerce.Payments.Contracts;
using Commerce.Workflows.Saga;
using temporaltestserver::Commerce.Testing.Temporal;
using Temporalio.Common;
using static Commerce.Workflows.Tests.Saga.SagaOrders;

namespace Commerce.Workflows.Tests.Saga;

/// <summary>
/// The real <see cref="OrderSaga"/> on the real worker, on the in-process Temporal server and on a real one where there
/// is one, its activities calling the participants running in-process: how each kind of order ends, read from the
/// participants' own records; every history the run wrote is replayed.
/// </summary>
public sealed class OrderSagaTests(Participants participants, SagaServer server)
{
    private readonly SagaOrders _orders = new(participants);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(ServerKind.InProcess)]
    [InlineData(ServerKind.Real)]
    public async Task A_saga_with_stock_an_approved_card_and_a_deliverable_address_confirms_the_order(ServerKind kind)
    {
        using var worker = new SagaWorker(participants, await server.ClientAsync(kind));
        var input = await _orders.PlaceAsync(onHand: 5, quantity: 2, ApprovedCard);

        await worker.RunAsync(async () =>
        {
            var handle = await worker.StartAsync(input);
            var outcome = await handle.GetResultAsync();

            Assert.Equal(SagaStatus.Confirmed, outcome.Status);
            Assert.All(outcome.Steps, step => Assert.Equal(SagaStepState.Done, step.State));
            Assert.Null(outcome.CancellationReason);
            SagaAssert.SameProgress(outcome, await handle.QueryAsync(saga => saga.GetProgress()));
            // What an operator finds the saga by.
            var attributes = (await handle.DescribeAsync()).TypedSearchAttributes;
            Assert.Equal(input.OrderId.ToString(), attributes.Get(OrderSaga.OrderIdAttribute));
            Assert.Equal(input.CustomerId, attributes.Get(OrderSaga.CustomerIdAttribute));
            Assert.Equal(SagaStatus.Confirmed, attributes.Get(OrderSaga.OrderStatusAttribute));
            Assert.Equal([handle.Id], await worker.ListedAsync($"OrderId = '{input.OrderId}'", expected: 1));
            var history = await SagaWorker.AssertReplaysAsync(handle);
            await SagaHistories.RecordIfAskedAsync(kind, SagaHistories.Confirmed, history);
        });

        await _orders.AssertFulfilledOnceAsync(input, onHand: 5);
    }

    [Theory]
    [InlineData(ServerKind.InProcess)]
    [InlineData(ServerKind.Real)]
    public async Task A_payment_the_card_network_fails_twice_is_authorized_on_the_third_attempt_and_charged_once(ServerKind kind)
    {
        using var worker = new SagaWorker(participants, await server.ClientAsync(kind));
        var input = await _orders.PlaceAsync(onHand: 5, quantity: 2, FlakyCard);

        var (outcome, history) = await RunToEndAsync(worker, input);

        Assert.Equal(SagaStatus.Confirmed, outcome.Status);
        // Temporal retried the step: the history shows the attempt that succeeded and the 503 of the one before.
        var authorize = Assert.Single(SagaWorker.ActivityRuns(history), run => run.Activity == nameof(SagaStep.AuthorizePayment));
        Assert.Equal(3, authorize.Attempt);
        Assert.Contains("answered 503", authorize.LastFailure?.Message, StringComparison.Ordinal);
        Assert.All(SagaWorker.ActivityRuns(history).Where(run => run != authorize), run => Assert.Equal(1, run.Attempt));
        Assert.Equal(
            [new("authorize", "unavailable"), new("authorize", "unavailable"), new("authorize", "approved"), new("capture", "approved")],
            await _orders.ProcessorCallsOf(input.OrderId));
        var payment = await _orders.PaymentOf(input.OrderId);
        Assert.Equal(PaymentStatus.Captured, payment.Status);
        Assert.Equal(input.Total, payment.Amount);
        Assert.Equal(OrderStatus.Confirmed, (await _orders.OrderOf(input)).Status);
    }

    [Theory]
    [InlineData(ServerKind.InProcess)]
    [InlineData(ServerKind.Real)]
    public async Task A_saga_short_of_stock_charges_nothing_reserves_nothing_and_cancels_the_order_as_out_of_stock(ServerKind kind)
    {
        using var worker = new SagaWorker(participants, await server.ClientAsync(kind));
        var input = await _orders.PlaceAsync(onHand: 1, quantity: 2, ApprovedCard);

        var (outcome, _) = await RunToEndAsync(worker, input);

        Assert.Equal(SagaStatus.Cancelled, outcome.Status);
        Assert.Equal(SagaReasons.OutOfStock, outcome.CancellationReason);
        var order = await _orders.OrderOf(input);
        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.Equal(SagaReasons.OutOfStock, order.CancellationReason);
        Assert.NotEqual(ReservationStatus.Reserved, (await _orders.ReservationOf(input.OrderId)).Status);
        Assert.Equal(0, (await _orders.StockOf(input.Lines[0].ProductId)).Reserved);
        Assert.Empty(await _orders.ProcessorCallsOf(input.OrderId));
        var payment = await participants.PaymentsClient().GetPaymentAsync(input.OrderId, Cancellation);
        Assert.True(
            payment.Content is null or { Status: PaymentStatus.Voided, CapturedAt: null },
            $"nothing may be charged, but the payment is {payment.Content?.Status}");
    }

    [Theory]
    [InlineData(ServerKind.InProcess)]
    [InlineData(ServerKind.Real)]
    public async Task A_saga_whose_card_is_declined_releases_the_stock_and_cancels_the_order(ServerKind kind)
    {
        using var worker = new SagaWorker(participants, await server.ClientAsync(kind));
        var input = await _orders.PlaceAsync(onHand: 5, quantity: 2, DeclinedCard);

        var (outcome, history) = await RunToEndAsync(worker, input);
        await SagaHistories.RecordIfAskedAsync(kind, SagaHistories.DeclinedAndCompensated, history);

        Assert.Equal(SagaStatus.Cancelled, outcome.Status);
        Assert.Equal(SagaReasons.PaymentDeclined, outcome.CancellationReason);
        Assert.Equal(SagaStepState.Compensated, SagaAssert.State(outcome, SagaStep.ReserveStock));
        var order = await _orders.OrderOf(input);
        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.Equal(SagaReasons.PaymentDeclined, order.CancellationReason);
        Assert.Equal(ReservationStatus.Released, (await _orders.ReservationOf(input.OrderId)).Status);
        Assert.Equal(new StockLevelDto(input.Lines[0].ProductId, 5, 0, 5), await _orders.StockOf(input.Lines[0].ProductId));
        Assert.Equal(PaymentStatus.Declined, (await _orders.PaymentOf(input.OrderId)).Status);
    }

    [Theory]
    [InlineData(ServerKind.InProcess)]
    [InlineData(ServerKind.Real)]
    public async Task A_saga_to_an_undeliverable_address_voids_the_payment_then_releases_the_stock_then_cancels_the_order(ServerKind kind)
    {
        using var worker = new SagaWorker(participants, await server.ClientAsync(kind));
        var input = await _orders.PlaceAsync(onHand: 5, quantity: 2, ApprovedCard) with
        {
            ShippingAddress = Addresses.OrderAddress with { Country = Addresses.Undeliverable.Country },
        };

        var (outcome, _) = await RunToEndAsync(worker, input);

        Assert.Equal(SagaStatus.Cancelled, outcome.Status);
        Assert.Equal(SagaReasons.AddressUndeliverable, outcome.CancellationReason);
        Assert.Equal(SagaStepState.Compensated, SagaAssert.State(outcome, SagaStep.AuthorizePayment));
        Assert.Equal(SagaStepState.Compensated, SagaAssert.State(outcome, SagaStep.ReserveStock));
        await _orders.AssertVoidedThenReleasedThenCancelledAsync(input, SagaReasons.AddressUndeliverable);
    }

    /// <summary>Runs the saga to its end, checks the query answers what the run returned, and replays its history.</summary>
    private static async Task<(OrderSagaProgress Outcome, WorkflowHistory History)> RunToEndAsync(SagaWorker worker, OrderSagaInput input)
    {
        OrderSagaProgress? outcome = null;
        WorkflowHistory? history = null;
        await worker.RunAsync(async () =>
        {
            var handle = await worker.StartAsync(input);
            outcome = await handle.GetResultAsync();
            SagaAssert.SameProgress(outcome, await handle.QueryAsync(saga => saga.GetProgress()));
            history = await SagaWorker.AssertReplaysAsync(handle);
        });
        return (outcome!, history!);
    }
}
