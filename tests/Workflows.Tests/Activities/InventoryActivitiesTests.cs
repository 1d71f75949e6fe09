using Commerce.Inventory.Contracts;
using Commerce.Workflows.Activities;

namespace Commerce.Workflows.Tests.Activities;

public sealed class InventoryActivitiesTests(Participants participants) : IDisposable
{
    private readonly WorkerServices _worker = new(participants.CreateWorkerServices());

    private InventoryActivities Activities => _worker.Get<InventoryActivities>();

    [Fact]
    public async Task Reserving_stock_that_is_there_succeeds_and_holds_it()
    {
        var productId = await participants.StockProductAsync(5);
        var orderId = Guid.NewGuid();

        await ActivityRun.SucceedsAsync(() => Activities.ReserveStockAsync(new ReserveStockInput(orderId, [new ReservationLine(productId, 2)])));

        var reservation = await participants.InventoryClient().GetReservationAsync(orderId, TestContext.Current.CancellationToken);
        Assert.Equal(ReservationStatus.Reserved, reservation.Content!.Status);
    }

    [Fact]
    public async Task Reserving_again_after_a_lost_answer_succeeds_without_holding_twice()
    {
        var productId = await participants.StockProductAsync(5);
        var input = new ReserveStockInput(Guid.NewGuid(), [new ReservationLine(productId, 2)]);

        await ActivityRun.SucceedsAsync(() => Activities.ReserveStockAsync(input));
        await ActivityRun.SucceedsAsync(() => Activities.ReserveStockAsync(input));

        var stock = await participants.InventoryClient().GetStockLevelsAsync([productId], TestContext.Current.CancellationToken);
        Assert.Equal(2, Assert.Single(stock).Reserved);
    }

    [Fact]
    public async Task Reserving_more_than_is_available_is_the_non_retryable_OutOfStock_refusal()
    {
        var productId = await participants.StockProductAsync(1);

        var failure = await ActivityRun.IsRefusedAsync(
            SagaErrorTypes.OutOfStock,
            () => Activities.ReserveStockAsync(new ReserveStockInput(Guid.NewGuid(), [new ReservationLine(productId, 3)])));

        Assert.Contains(InventoryRefusalReasons.OutOfStock, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Releasing_stock_that_was_never_reserved_succeeds()
    {
        await ActivityRun.SucceedsAsync(() => Activities.ReleaseStockAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task Releasing_a_reservation_returns_the_units_and_releasing_again_succeeds()
    {
        var productId = await participants.StockProductAsync(4);
        var orderId = Guid.NewGuid();
        await ActivityRun.SucceedsAsync(() => Activities.ReserveStockAsync(new ReserveStockInput(orderId, [new ReservationLine(productId, 4)])));

        await ActivityRun.SucceedsAsync(() => Activities.ReleaseStockAsync(orderId));
        await ActivityRun.SucceedsAsync(() => Activities.ReleaseStockAsync(orderId));

        var stock = await participants.InventoryClient().GetStockLevelsAsync([productId], TestContext.Current.CancellationToken);
        Assert.Equal(4, Assert.Single(stock).Available);
    }

    [Fact]
    public async Task Committing_a_reservation_succeeds_and_committing_again_too()
    {
        var productId = await participants.StockProductAsync(3);
        var orderId = Guid.NewGuid();
        await ActivityRun.SucceedsAsync(() => Activities.ReserveStockAsync(new ReserveStockInput(orderId, [new ReservationLine(productId, 1)])));

        await ActivityRun.SucceedsAsync(() => Activities.CommitStockAsync(orderId));
        await ActivityRun.SucceedsAsync(() => Activities.CommitStockAsync(orderId));

        var stock = await participants.InventoryClient().GetStockLevelsAsync([productId], TestContext.Current.CancellationToken);
        Assert.Equal(2, Assert.Single(stock).OnHand);
    }

    [Fact]
    public async Task Committing_a_reservation_that_does_not_exist_is_rejected_without_retry()
    {
        await ActivityRun.IsRefusedAsync(SagaErrorTypes.ParticipantRejected, () => Activities.CommitStockAsync(Guid.NewGuid()));
    }

    [Fact]
    public async Task Releasing_committed_stock_is_rejected_without_retry()
    {
        var productId = await participants.StockProductAsync(3);
        var orderId = Guid.NewGuid();
        await ActivityRun.SucceedsAsync(() => Activities.ReserveStockAsync(new ReserveStockInput(orderId, [new ReservationLine(productId, 1)])));
        await ActivityRun.SucceedsAsync(() => Activities.CommitStockAsync(orderId));

        var failure = await ActivityRun.IsRefusedAsync(SagaErrorTypes.ParticipantRejected, () => Activities.ReleaseStockAsync(orderId));

        Assert.Contains(InventoryRefusalReasons.ReservationCommitted, failure.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _worker.Dispose();
}
