using Commerce.Ordering.Contracts;
using Commerce.Workflows.Activities;

namespace Commerce.Workflows.Tests.Activities;

public sealed class OrderingActivitiesTests(Participants participants) : IDisposable
{
    private readonly WorkerServices _worker = new(participants.CreateWorkerServices());
    private readonly string _customerId = $"customer-{Guid.NewGuid():N}";

    private OrderingActivities Activities => _worker.Get<OrderingActivities>();

    [Fact]
    public async Task Confirming_a_placed_order_succeeds_and_confirming_again_too()
    {
        var orderId = await participants.PlaceOrderAsync(_customerId);

        await ActivityRun.SucceedsAsync(() => Activities.ConfirmOrderAsync(orderId));
        await ActivityRun.SucceedsAsync(() => Activities.ConfirmOrderAsync(orderId));

        Assert.Equal(OrderStatus.Confirmed, (await OrderOf(orderId)).Status);
    }

    [Fact]
    public async Task Cancelling_a_placed_order_succeeds_with_the_reason_the_customer_reads()
    {
        var orderId = await participants.PlaceOrderAsync(_customerId);

        await ActivityRun.SucceedsAsync(() => Activities.CancelOrderAsync(new CancelOrderInput(orderId, "out of stock")));
        await ActivityRun.SucceedsAsync(() => Activities.CancelOrderAsync(new CancelOrderInput(orderId, "out of stock")));

        var order = await OrderOf(orderId);
        Assert.Equal(OrderStatus.Cancelled, order.Status);
        Assert.Equal("out of stock", order.CancellationReason);
    }

    [Fact]
    public async Task Confirming_an_order_that_does_not_exist_is_rejected_without_retry()
    {
        await ActivityRun.IsRefusedAsync(SagaErrorTypes.ParticipantRejected, () => Activities.ConfirmOrderAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task Cancelling_a_confirmed_order_is_rejected_without_retry()
    {
        var orderId = await participants.PlaceOrderAsync(_customerId);
        await ActivityRun.SucceedsAsync(() => Activities.ConfirmOrderAsync(orderId));

        var failure = await ActivityRun.IsRefusedAsync(
            SagaErrorTypes.ParticipantRejected, () => Activities.CancelOrderAsync(new CancelOrderInput(orderId, "too late")));

        Assert.Contains(OrderingRefusalReasons.OrderConfirmed, failure.Message, StringComparison.Ordinal);
    }

    private async Task<OrderDto> OrderOf(Guid orderId)
    {
        var response = await participants.OrderingClient().GetOrderAsync(_customerId, orderId, TestContext.Current.CancellationToken);
        return response.Content?.Order ?? throw new InvalidOperationException($"No order {orderId}: {response.StatusCode}");
    }

    public void Dispose() => _worker.Dispose();
}
