using Commerce.Inventory.Contracts;
using Commerce.Ordering.Contracts;
using Commerce.Payments.Contracts;
using Commerce.Shipping.Contracts;
using Commerce.Workflows.Saga;
using Dapper;
using Npgsql;
using Temporalio.Api.Enums.V1;

namespace Commerce.Workflows.Tests.Saga;

/// <summary>
/// The real <see cref="OrderSaga"/> on the real worker against the in-process Temporal server, its activities calling
/// the participants running in-process; outcomes are read from the participants' own APIs, and every history the run
/// wrote is replayed.
/// </summary>
public sealed class OrderSagaTests(Participants participants, SagaServer server) : IClassFixture<SagaServer>, IDisposable
{
    // Payments' test cards (Services/Payments/README.md).
    private const string ApprovedCard = "4242 4242 4242 4242";
    private const string DeclinedCard = "4000 0000 0000 0002";

    private readonly SagaWorker _worker = new(participants, server.Client);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_saga_with_stock_an_approved_card_and_a_deliverable_address_confirms_the_order()
    {
        var input = await InputAsync(onHand: 5, quantity: 2, ApprovedCard);

        await _worker.RunAsync(async () =>
        {
            var handle = await _worker.StartAsync(input);
            var outcome = await handle.GetResultAsync();

            Assert.Equal(SagaStatus.Confirmed, outcome.Status);
            Assert.All(outcome.Steps, step => Assert.Equal(SagaStepState.Done, step.State));
            Assert.Null(outcome.CancellationReason);
            AssertSameProgress(outcome, await handle.QueryAsync(saga => saga.GetProgress()));
            // What an operator finds the saga by.
            var attributes = (await handle.DescribeAsync()).TypedSearchAttributes;
            Assert.Equal(input.OrderId.ToString(), attributes.Get(OrderSaga.OrderIdAttribute));
            Assert.Equal(input.CustomerId, attributes.Get(OrderSaga.CustomerIdAttribute));
            Assert.Equal(SagaStatus.Confirmed, attributes.Get(OrderSaga.OrderStatusAttribute));
            var found = await _worker.Client.ListWorkflowsAsync($"OrderId = '{input.OrderId}'").ToListAsync(Cancellation);
            Assert.Equal(handle.Id, Assert.Single(found).Id);
            await SagaWorker.AssertReplaysAsync(handle);
        });

        Assert.Equal(OrderStatus.Confirmed, (await OrderOf(input)).Status);
        Assert.Equal(ReservationStatus.Committed, (await ReservationOf(input.OrderId)).Status);
        Assert.Equal(new StockLevelDto(input.Lines[0].ProductId, 3, 0, 3), await StockOf(input.Lines[0].ProductId));
        var payment = await PaymentOf(input.OrderId);
        Assert.Equal(PaymentStatus.Captured, payment.Status);
        Assert.Equal(input.Total, payment.Amount);
        Assert.Equal(["authorize", "capture"], await ProcessorOperationsAsync(input.OrderId));
        Assert.Equal(ShipmentStatus.Created, (await ShipmentOf(input.OrderId)).Status);
    }

    [Fact]
    public async Task A_saga_short_of_stock_charges_nothing_reserves_nothing_and_cancels_the_order_as_out_of_stock()
    {
        var input = await InputAsync(onHand: 1, quantity: 2, ApprovedCard);

        var outcome = await RunToEndAsync(input);

        Assert.Equal(SagaStatus.Cancelled, outcome.Status);
        Assert.Equal(SagaReasons.OutOfStock, outcome.CancellationReason);
        var order = await OrderOf(input);
        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.Equal(SagaReasons.OutOfStock, order.CancellationReason);
        Assert.NotEqual(ReservationStatus.Reserved, (await ReservationOf(input.OrderId)).Status);
        Assert.Equal(0, (await StockOf(input.Lines[0].ProductId)).Reserved);
        Assert.Equal(0, await participants.ProcessorCallsAsync(input.OrderId));
        var payment = await participants.PaymentsClient().GetPaymentAsync(input.OrderId, Cancellation);
        Assert.True(
            payment.Content is null or { Status: PaymentStatus.Voided, CapturedAt: null },
            $"nothing may be charged, but the payment is {payment.Content?.Status}");
    }

    [Fact]
    public async Task A_saga_whose_card_is_declined_releases_the_stock_and_cancels_the_order()
    {
        var input = await InputAsync(onHand: 5, quantity: 2, DeclinedCard);

        var outcome = await RunToEndAsync(input);

        Assert.Equal(SagaStatus.Cancelled, outcome.Status);
        Assert.Equal(SagaReasons.PaymentDeclined, outcome.CancellationReason);
        Assert.Equal(SagaStepState.Compensated, State(outcome, SagaStep.ReserveStock));
        var order = await OrderOf(input);
        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.Equal(SagaReasons.PaymentDeclined, order.CancellationReason);
        Assert.Equal(ReservationStatus.Released, (await ReservationOf(input.OrderId)).Status);
        Assert.Equal(new StockLevelDto(input.Lines[0].ProductId, 5, 0, 5), await StockOf(input.Lines[0].ProductId));
        Assert.Equal(PaymentStatus.Declined, (await PaymentOf(input.OrderId)).Status);
    }

    [Fact]
    public async Task A_saga_to_an_undeliverable_address_voids_the_payment_then_releases_the_stock_then_cancels_the_order()
    {
        var input = await InputAsync(onHand: 5, quantity: 2, ApprovedCard) with
        {
            ShippingAddress = Addresses.OrderAddress with { Country = Addresses.Undeliverable.Country },
        };

        var outcome = await RunToEndAsync(input);

        Assert.Equal(SagaStatus.Cancelled, outcome.Status);
        Assert.Equal(SagaReasons.AddressUndeliverable, outcome.CancellationReason);
        Assert.Equal(SagaStepState.Compensated, State(outcome, SagaStep.AuthorizePayment));
        Assert.Equal(SagaStepState.Compensated, State(outcome, SagaStep.ReserveStock));
        var payment = await PaymentOf(input.OrderId);
        var reservation = await ReservationOf(input.OrderId);
        Assert.Equal(PaymentStatus.Voided, payment.Status);
        Assert.Equal(ReservationStatus.Released, reservation.Status);
        Assert.True(payment.VoidedAt < reservation.UpdatedAt, $"voided at {payment.VoidedAt:O}, released at {reservation.UpdatedAt:O}");
        var order = await OrderOf(input);
        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.Equal(SagaReasons.AddressUndeliverable, order.CancellationReason);
        Assert.True(reservation.UpdatedAt <= order.UpdatedAt, $"released at {reservation.UpdatedAt:O}, order cancelled at {order.UpdatedAt:O}");
    }

    [Fact]
    public async Task A_customer_who_cancels_during_the_grace_period_gets_the_payment_voided_then_the_stock_released()
    {
        // Long enough that only the signal can end the grace period.
        var input = await InputAsync(onHand: 5, quantity: 2, ApprovedCard) with { GracePeriod = TimeSpan.FromMinutes(5) };
        const string reason = "changed my mind";

        OrderSagaProgress? duringGrace = null;
        OrderSagaProgress? outcome = null;
        await _worker.RunAsync(async () =>
        {
            var handle = await _worker.StartAsync(input);
            await SagaWorker.WaitForEventAsync(handle, e => e.EventType == EventType.TimerStarted);
            duringGrace = await handle.QueryAsync(saga => saga.GetProgress());
            await handle.SignalAsync(saga => saga.RequestCancellationAsync(reason));
            outcome = await handle.GetResultAsync();
            await SagaWorker.AssertReplaysAsync(handle);
        });

        Assert.Equal(SagaStepState.Done, State(duringGrace!, SagaStep.AuthorizePayment));
        Assert.Equal(SagaStepState.Running, State(duringGrace!, SagaStep.GracePeriod));
        Assert.Equal(SagaStatus.Cancelled, outcome!.Status);
        Assert.Equal(reason, outcome.CancellationReason);
        Assert.Equal(SagaStepState.Pending, State(outcome, SagaStep.CreateShipment));
        Assert.Equal(SagaStepState.Compensated, State(outcome, SagaStep.AuthorizePayment));
        Assert.Equal(SagaStepState.Compensated, State(outcome, SagaStep.ReserveStock));
        var payment = await PaymentOf(input.OrderId);
        var reservation = await ReservationOf(input.OrderId);
        Assert.Equal(PaymentStatus.Voided, payment.Status);
        Assert.Equal(ReservationStatus.Released, reservation.Status);
        Assert.True(payment.VoidedAt < reservation.UpdatedAt, $"voided at {payment.VoidedAt:O}, released at {reservation.UpdatedAt:O}");
        var shipment = await participants.ShippingClient().GetShipmentAsync(input.OrderId, Cancellation);
        Assert.Null(shipment.Content);
        var order = await OrderOf(input);
        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.Equal(reason, order.CancellationReason);
    }

    public void Dispose() => _worker.Dispose();

    /// <summary>Runs the saga to its end, checks the query answers what the run returned, and replays its history.</summary>
    private async Task<OrderSagaProgress> RunToEndAsync(OrderSagaInput input)
    {
        OrderSagaProgress? outcome = null;
        await _worker.RunAsync(async () =>
        {
            var handle = await _worker.StartAsync(input);
            outcome = await handle.GetResultAsync();
            AssertSameProgress(outcome, await handle.QueryAsync(saga => saga.GetProgress()));
            await SagaWorker.AssertReplaysAsync(handle);
        });
        return outcome!;
    }

    /// <summary>An order placed in Ordering, for a product of the test's own with <paramref name="onHand"/> units, grace period 0 s.</summary>
    private async Task<OrderSagaInput> InputAsync(int onHand, int quantity, string card)
    {
        var customerId = $"customer-{Guid.NewGuid():N}";
        var orderId = await participants.PlaceOrderAsync(customerId);
        var productId = await participants.StockProductAsync(onHand);
        var token = await participants.TokenizeAsync(card);
        var line = new OrderLine(productId, "Saga test product", 12.50m, quantity);
        return new OrderSagaInput(
            orderId, customerId, [line], "USD", line.UnitPrice * quantity, Addresses.OrderAddress, token, GracePeriod: TimeSpan.Zero);
    }

    /// <summary>Records compare their step lists by reference: compare the steps one by one, then the rest.</summary>
    private static void AssertSameProgress(OrderSagaProgress expected, OrderSagaProgress actual)
    {
        Assert.Equal(expected.Steps, actual.Steps);
        Assert.Equal(expected with { Steps = [] }, actual with { Steps = [] });
    }

    private static SagaStepState State(OrderSagaProgress progress, SagaStep step) => progress.Steps.Single(s => s.Step == step).State;

    private async Task<OrderDto> OrderOf(OrderSagaInput input)
    {
        var response = await participants.OrderingClient().GetOrderAsync(input.CustomerId, input.OrderId, Cancellation);
        Assert.True(response.IsSuccessStatusCode, $"reading the order answered {response.StatusCode}");
        return response.Content!.Order;
    }

    private async Task<ReservationDto> ReservationOf(Guid orderId)
    {
        var response = await participants.InventoryClient().GetReservationAsync(orderId, Cancellation);
        Assert.True(response.IsSuccessStatusCode, $"reading the reservation answered {response.StatusCode}");
        return response.Content!;
    }

    private async Task<StockLevelDto> StockOf(int productId) =>
        Assert.Single(await participants.InventoryClient().GetStockLevelsAsync([productId], Cancellation));

    private async Task<PaymentDto> PaymentOf(Guid orderId)
    {
        var response = await participants.PaymentsClient().GetPaymentAsync(orderId, Cancellation);
        Assert.True(response.IsSuccessStatusCode, $"reading the payment answered {response.StatusCode}");
        return response.Content!;
    }

    /// <summary>What Payments asked the card network for the order, in order, from its own call log.</summary>
    private async Task<string[]> ProcessorOperationsAsync(Guid orderId)
    {
        await using var connection = new NpgsqlConnection(participants.Payments.ConnectionString);
        return [.. await connection.QueryAsync<string>(
            "SELECT operation FROM processor_calls WHERE order_id = @orderId ORDER BY called_at", new { orderId })];
    }

    private async Task<ShipmentDto> ShipmentOf(Guid orderId)
    {
        var response = await participants.ShippingClient().GetShipmentAsync(orderId, Cancellation);
        Assert.True(response.IsSuccessStatusCode, $"reading the shipment answered {response.StatusCode}");
        return response.Content!;
    }
}
