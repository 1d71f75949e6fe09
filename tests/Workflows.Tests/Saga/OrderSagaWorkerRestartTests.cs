extern alias temporaltestserver;

using Commerce.Payments.Contracts;
using Commerce.Workflows.Saga;
using temporaltestserver::Commerce.Testing.Temporal;
using Temporalio.Api.Enums.V1;
using Temporalio.Client;
using static Commerce.Workflows.Tests.Saga.SagaOrders;

namespace Commerce.Workflows.Tests.Saga;

/// <summary>
/// A saga outlives its worker: stopped mid-saga and started again (a fresh worker on the same task queue), it goes on
/// from where it was, and no participant sees a step's effect twice.
/// </summary>
public sealed class OrderSagaWorkerRestartTests(Participants participants, SagaServer server)
{
    private static readonly string[] ForwardSteps =
    [
        nameof(SagaStep.ReserveStock), nameof(SagaStep.AuthorizePayment), nameof(SagaStep.CreateShipment),
        nameof(SagaStep.CapturePayment), nameof(SagaStep.CommitStock), nameof(SagaStep.ConfirmOrder),
    ];

    private readonly SagaOrders _orders = new(participants);

    [Theory]
    [InlineData(ServerKind.InProcess)]
    [InlineData(ServerKind.Real)]
    public async Task A_saga_whose_worker_stopped_in_the_grace_period_resumes_on_a_new_worker_and_runs_each_step_once(ServerKind kind)
    {
        using var worker = new SagaWorker(participants, await server.ClientAsync(kind));
        var input = await _orders.PlaceAsync(onHand: 5, quantity: 2, ApprovedCard) with { GracePeriod = TimeSpan.FromSeconds(2) };

        WorkflowHandle<OrderSaga, OrderSagaProgress>? handle = null;
        await worker.RunAsync(async () =>
        {
            handle = await worker.StartAsync(input);
            await SagaWorker.WaitForEventAsync(handle, e => e.EventType == EventType.TimerStarted);
        });
        // The worker is gone. The saga is not: its history is one a later release must pick up, and its timer is durable.
        var unfinished = await SagaWorker.AssertReplaysAsync(handle!);
        await SagaHistories.RecordIfAskedAsync(kind, SagaHistories.UnfinishedInTheGracePeriod, unfinished);
        await SagaWorker.WaitForEventAsync(handle!, e => e.EventType == EventType.TimerFired);

        OrderSagaProgress? outcome = null;
        await worker.RunAsync(async () => outcome = await handle!.GetResultAsync());

        Assert.Equal(SagaStatus.Confirmed, outcome!.Status);
        var history = await SagaWorker.AssertReplaysAsync(handle!);
        Assert.Equal(ForwardSteps.Select(step => new ActivityRun(step, 1, null)), SagaWorker.ActivityRuns(history));
        await _orders.AssertFulfilledOnceAsync(input, onHand: 5);
    }

    [Theory]
    [InlineData(ServerKind.InProcess)]
    [InlineData(ServerKind.Real)]
    public async Task A_saga_whose_worker_stopped_after_the_card_was_authorized_but_before_saying_so_is_charged_once(ServerKind kind)
    {
        using var worker = new SagaWorker(participants, await server.ClientAsync(kind));
        var input = await _orders.PlaceAsync(onHand: 5, quantity: 2, ApprovedCard);
        // The answer is held after Payments authorized: the worker stops with the effect made but not reported.
        var gate = new ActivityGate(HoldPoint.AfterTheCall, nameof(SagaStep.AuthorizePayment));

        WorkflowHandle<OrderSaga, OrderSagaProgress>? handle = null;
        await worker.RunAsync(
            async () =>
            {
                handle = await worker.StartAsync(input);
                var authorized = await gate.NextAsync();
                Assert.Equal(1, authorized.Attempt);
                Assert.Equal(PaymentStatus.Authorized, (await _orders.PaymentOf(input.OrderId)).Status);
            },
            gate);

        OrderSagaProgress? outcome = null;
        await worker.RunAsync(async () =>
        {
            outcome = await handle!.GetResultAsync();
            await SagaWorker.AssertReplaysAsync(handle!);
        });

        Assert.Equal(SagaStatus.Confirmed, outcome!.Status);
        // The stopped attempt's answer was lost, so the step ran again on the new worker; Payments answered it from what
        // it had done, and the card network saw one authorization.
        var authorize = Assert.Single(
            SagaWorker.ActivityRuns(await handle!.FetchHistoryAsync()), run => run.Activity == nameof(SagaStep.AuthorizePayment));
        Assert.Equal(2, authorize.Attempt);
        Assert.Equal("WorkerShutdown", authorize.LastFailure?.ApplicationFailureInfo?.Type);
        await _orders.AssertFulfilledOnceAsync(input, onHand: 5);
    }
}
