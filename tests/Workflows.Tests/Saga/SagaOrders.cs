using Commerce.Inventory.Contracts;
using Commerce.Ordering.Contracts;
using Commerce.Payments.Contracts;
using Commerce.Shipping.Contracts;
using Commerce.Workflows.Saga;
using Dapper;
using Npgsql;

namespace Commerce.Workflows.Tests.Saga;

/// <summary>One call to the card network, as Payments logged it.</summary>
public sealed record ProcessorCall(string Operation, string Outcome);

/// <summary>
/// Orders for the saga tests, placed in the participants running in-process, and what each participant records of them,
/// read through its own API (or, for the card network's call log, its own table).
/// </summary>
public sealed class SagaOrders(Participants participants)
{
    // Payments' test cards (Services/Payments/README.md).
    public const string ApprovedCard = "4242 4242 4242 4242";
    public const string DeclinedCard = "4000 0000 0000 0002";

    /// <summary>The first two authorization attempts of an order answer 503 processor-unavailable; the third is approved.</summary>
    public const string FlakyCard = "4000 0000 0000 0119";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>
    /// An order placed in Ordering for <paramref name="customerId"/> (a fresh customer when null), for a product of the
    /// test's own with <paramref name="onHand"/> units, grace period 0 s.
    /// </summary>
    public async Task<OrderSagaInput> PlaceAsync(int onHand, int quantity, string card, string? customerId = null)
    {
        customerId ??= $"customer-{Guid.NewGuid():N}";
        var orderId = await participants.PlaceOrderAsync(customerId);
        var productId = await participants.StockProductAsync(onHand);
        var token = await participants.TokenizeAsync(card);
        var line = new OrderLine(productId, "Saga test product", 12.50m, quantity);
        return new OrderSagaInput(
            orderId, customerId, [line], "USD", line.UnitPrice * quantity, Addresses.OrderAddress, token, GracePeriod: TimeSpan.Zero);
    }

    public async Task<OrderDto> OrderOf(OrderSagaInput input)
    {
        var response = await participants.OrderingClient().GetOrderAsync(input.CustomerId, input.OrderId, Cancellation);
        Assert.True(response.IsSuccessStatusCode, $"reading the order answered {response.StatusCode}");
        return response.Content!.Order;
    }

    public async Task<ReservationDto> ReservationOf(Guid orderId)
    {
        var response = await participants.InventoryClient().GetReservationAsync(orderId, Cancellation);
        Assert.True(response.IsSuccessStatusCode, $"reading the reservation answered {response.StatusCode}");
        return response.Content!;
    }

    public async Task<StockLevelDto> StockOf(int productId) =>
        Assert.Single(await participants.InventoryClient().GetStockLevelsAsync([productId], Cancellation));

    public async Task<PaymentDto> PaymentOf(Guid orderId)
    {
        var response = await participants.PaymentsClient().GetPaymentAsync(orderId, Cancellation);
        Assert.True(response.IsSuccessStatusCode, $"reading the payment answered {response.StatusCode}");
        return response.Content!;
    }

    /// <summary>What Payments asked the card network for the order and what it answered, in order, from its own call log.</summary>
    public async Task<ProcessorCall[]> ProcessorCallsOf(Guid orderId)
    {
        await using var connection = new NpgsqlConnection(participants.Payments.ConnectionString);
        return [.. await connection.QueryAsync<ProcessorCall>(
            "SELECT operation, outcome FROM processor_calls WHERE order_id = @orderId ORDER BY called_at, id", new { orderId })];
    }

    public async Task<ShipmentDto> ShipmentOf(Guid orderId)
    {
        var response = await participants.ShippingClient().GetShipmentAsync(orderId, Cancellation);
        Assert.True(response.IsSuccessStatusCode, $"reading the shipment answered {response.StatusCode}");
        return response.Content!;
    }

    /// <summary>Whether Shipping has any shipment for the order.</summary>
    public async Task<bool> HasShipment(Guid orderId) =>
        (await participants.ShippingClient().GetShipmentAsync(orderId, Cancellation)).Content is not null;

    /// <summary>
    /// The authorized order was undone in reverse, read from the participants' own timestamps: payment voided, then
    /// stock released, then the order cancelled with <paramref name="reason"/>.
    /// </summary>
    public async Task AssertVoidedThenReleasedThenCancelledAsync(OrderSagaInput input, string reason)
    {
        var payment = await PaymentOf(input.OrderId);
        var reservation = await ReservationOf(input.OrderId);
        var order = await OrderOf(input);
        Assert.Equal(PaymentStatus.Voided, payment.Status);
        Assert.Equal(ReservationStatus.Released, reservation.Status);
        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.Equal(reason, order.CancellationReason);
        Assert.True(payment.VoidedAt < reservation.UpdatedAt, $"voided at {payment.VoidedAt:O}, released at {reservation.UpdatedAt:O}");
        Assert.True(reservation.UpdatedAt <= order.UpdatedAt, $"released at {reservation.UpdatedAt:O}, order cancelled at {order.UpdatedAt:O}");
    }

    /// <summary>
    /// The order was carried out once: confirmed; its stock committed (<paramref name="onHand"/> less the order's units,
    /// nothing left reserved); one authorization and one capture at the card network; one shipment, created.
    /// </summary>
    public async Task AssertFulfilledOnceAsync(OrderSagaInput input, int onHand)
    {
        var line = Assert.Single(input.Lines);
        Assert.Equal(OrderStatus.Confirmed, (await OrderOf(input)).Status);
        Assert.Equal(ReservationStatus.Committed, (await ReservationOf(input.OrderId)).Status);
        Assert.Equal(new StockLevelDto(line.ProductId, onHand - line.Quantity, 0, onHand - line.Quantity), await StockOf(line.ProductId));
        var payment = await PaymentOf(input.OrderId);
        Assert.Equal(PaymentStatus.Captured, payment.Status);
        Assert.Equal(input.Total, payment.Amount);
        Assert.Equal([new("authorize", "approved"), new("capture", "approved")], await ProcessorCallsOf(input.OrderId));
        Assert.Equal(ShipmentStatus.Created, (await ShipmentOf(input.OrderId)).Status);
    }
}
