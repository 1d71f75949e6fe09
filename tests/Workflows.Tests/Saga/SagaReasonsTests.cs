using Commerce.Ordering.Contracts;
using Commerce.Workflows.Activities;
using Commerce.Workflows.Saga;

namespace Commerce.Workflows.Tests.Saga;

public sealed class SagaReasonsTests
{
    [Theory]
    [InlineData(SagaErrorTypes.OutOfStock, SagaReasons.OutOfStock)]
    [InlineData(SagaErrorTypes.PaymentDeclined, SagaReasons.PaymentDeclined)]
    [InlineData(SagaErrorTypes.AddressUndeliverable, SagaReasons.AddressUndeliverable)]
    [InlineData(SagaErrorTypes.ParticipantRejected, SagaReasons.Rejected)]
    public void A_refusal_cancels_the_order_with_its_own_reason(string errorType, string reason) =>
        Assert.Equal(reason, SagaReasons.ForFailure(errorType));

    [Theory]
    [InlineData(SagaErrorTypes.ParticipantUnavailable)]
    [InlineData(null)]
    public void A_step_out_of_retries_or_time_cancels_the_order_as_participant_unavailable(string? errorType) =>
        Assert.Equal("participant unavailable", SagaReasons.ForFailure(errorType));

    [Fact]
    public void The_saga_is_started_with_everything_the_order_placed_event_carries()
    {
        var address = new OrderAddress("Ada", "1 Main St", null, "Springfield", "94105", "US");
        var placed = new OrderPlaced(
            Guid.NewGuid(), "K7M4-Q2XD", "customer-1", [new OrderLine(3, "Lamp", 19.90m, 2)], "USD", 39.80m, address, "tok_abc", DateTimeOffset.UnixEpoch);

        var input = OrderSagaInput.From(placed, OrderSagaInput.DefaultGracePeriod);

        Assert.Equal(
            new OrderSagaInput(placed.OrderId, "customer-1", placed.Lines, "USD", 39.80m, address, "tok_abc", TimeSpan.FromSeconds(30)),
            input);
        Assert.Equal($"order-{placed.OrderId}", OrderSaga.WorkflowIdFor(placed.OrderId));
        Assert.Equal("orders", OrderSaga.TaskQueue);
    }
}
