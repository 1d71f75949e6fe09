extern alias temporaltestserver;

using Commerce.Workflows.Saga;
using temporaltestserver::Commerce.Testing.Temporal;
using Temporalio.Client;
using static Commerce.Workflows.Tests.Saga.SagaOrders;

namespace Commerce.Workflows.Tests.Saga;

/// <summary>
/// What an operator sees of a saga while it runs and after: the <c>GetProgress</c> query at every step (each step held
/// at the worker by an <see cref="ActivityGate"/> while the test looks), and the search attributes that find it.
/// </summary>
public sealed class OrderSagaOperatorViewTests(Participants participants, SagaServer server)
{
    private readonly SagaOrders _orders = new(participants);

    [Theory]
    [InlineData(ServerKind.InProcess)]
    [InlineData(ServerKind.Real)]
    public async Task The_progress_query_shows_each_step_running_in_turn_after_the_ones_before_it_are_done(ServerKind kind)
    {
        using var worker = new SagaWorker(participants, await server.ClientAsync(kind));
        var input = await _orders.PlaceAsync(onHand: 5, quantity: 2, ApprovedCard);
        var gate = new ActivityGate(HoldPoint.BeforeTheCall);
        SagaStep[] activitySteps =
            [SagaStep.ReserveStock, SagaStep.AuthorizePayment, SagaStep.CreateShipment, SagaStep.CapturePayment, SagaStep.CommitStock, SagaStep.ConfirmOrder];

        OrderSagaProgress? outcome = null;
        string? finalStatus = null;
        await worker.RunAsync(
            async () =>
            {
                var handle = await worker.StartAsync(input);
                foreach (var step in activitySteps)
                {
                    var held = await gate.NextAsync();
                    Assert.Equal(step.ToString(), held.Activity);
                    var progress = await handle.QueryAsync(saga => saga.GetProgress());
                    SagaAssert.RunningAt(step, progress);
                    Assert.Equal(SagaStatus.Pending, progress.Status);
                    Assert.Equal(SagaStatus.Pending, await OrderStatusOf(handle));
                    held.Release();
                }
                outcome = await handle.GetResultAsync();
                finalStatus = await OrderStatusOf(handle);
                await SagaWorker.AssertReplaysAsync(handle);
            },
            gate);

        Assert.Equal(SagaStatus.Confirmed, outcome!.Status);
        Assert.All(outcome.Steps, step => Assert.Equal(SagaStepState.Done, step.State));
        Assert.Equal(SagaStatus.Confirmed, finalStatus);
    }

    [Theory]
    [InlineData(ServerKind.InProcess)]
    [InlineData(ServerKind.Real)]
    public async Task While_a_declined_saga_compensates_the_query_and_the_order_status_say_so_and_then_say_cancelled(ServerKind kind)
    {
        using var worker = new SagaWorker(participants, await server.ClientAsync(kind));
        var input = await _orders.PlaceAsync(onHand: 5, quantity: 2, DeclinedCard);
        var gate = new ActivityGate(HoldPoint.BeforeTheCall, "UndoPayment", "ReleaseStock");

        OrderSagaProgress? undoingPayment = null;
        OrderSagaProgress? releasingStock = null;
        string? statusWhileCompensating = null;
        OrderSagaProgress? outcome = null;
        string? finalStatus = null;
        await worker.RunAsync(
            async () =>
            {
                var handle = await worker.StartAsync(input);
                // Last registered, first undone: the payment, then the stock.
                var undo = await gate.NextAsync();
                Assert.Equal("UndoPayment", undo.Activity);
                undoingPayment = await handle.QueryAsync(saga => saga.GetProgress());
                statusWhileCompensating = await OrderStatusOf(handle);
                undo.Release();
                var release = await gate.NextAsync();
                Assert.Equal("ReleaseStock", release.Activity);
                releasingStock = await handle.QueryAsync(saga => saga.GetProgress());
                release.Release();
                outcome = await handle.GetResultAsync();
                finalStatus = await OrderStatusOf(handle);
                await SagaWorker.AssertReplaysAsync(handle);
            },
            gate);

        Assert.Equal(SagaStatus.Compensating, undoingPayment!.Status);
        Assert.Equal(SagaReasons.PaymentDeclined, undoingPayment.CancellationReason);
        Assert.Equal(SagaStepState.Done, SagaAssert.State(undoingPayment, SagaStep.ReserveStock));
        Assert.Equal(SagaStepState.Failed, SagaAssert.State(undoingPayment, SagaStep.AuthorizePayment));
        Assert.Equal(SagaStatus.Compensating, statusWhileCompensating);
        Assert.Equal(SagaStepState.Done, SagaAssert.State(releasingStock!, SagaStep.ReserveStock));
        Assert.Equal(SagaStepState.Compensated, SagaAssert.State(releasingStock!, SagaStep.AuthorizePayment));
        Assert.Equal(SagaStatus.Cancelled, outcome!.Status);
        Assert.Equal(SagaStepState.Compensated, SagaAssert.State(outcome, SagaStep.ReserveStock));
        Assert.Equal(SagaStatus.Cancelled, finalStatus);
    }

    [Theory]
    [InlineData(ServerKind.InProcess)]
    [InlineData(ServerKind.Real)]
    public async Task An_operator_finds_a_customers_sagas_by_customer_id_and_narrows_them_down_by_order_status(ServerKind kind)
    {
        using var worker = new SagaWorker(participants, await server.ClientAsync(kind));
        var customerId = $"customer-{Guid.NewGuid():N}";
        var confirmed = await _orders.PlaceAsync(onHand: 5, quantity: 1, ApprovedCard, customerId);
        var declined = await _orders.PlaceAsync(onHand: 5, quantity: 1, DeclinedCard, customerId);

        await worker.RunAsync(async () =>
        {
            await (await worker.StartAsync(confirmed)).GetResultAsync();
            await (await worker.StartAsync(declined)).GetResultAsync();
        });

        var (confirmedId, declinedId) = (OrderSaga.WorkflowIdFor(confirmed.OrderId), OrderSaga.WorkflowIdFor(declined.OrderId));
        Assert.Equal(
            new[] { confirmedId, declinedId }.Order(),
            (await worker.ListedAsync($"CustomerId = '{customerId}'", expected: 2)).Order());
        Assert.Equal([declinedId], await worker.ListedAsync($"CustomerId = '{customerId}' AND OrderStatus = 'cancelled'", expected: 1));
        Assert.Equal([confirmedId], await worker.ListedAsync($"CustomerId = '{customerId}' AND OrderStatus = 'confirmed'", expected: 1));
    }

    private static async Task<string?> OrderStatusOf(WorkflowHandle handle) =>
        (await handle.DescribeAsync()).TypedSearchAttributes.Get(OrderSaga.OrderStatusAttribute);
}
