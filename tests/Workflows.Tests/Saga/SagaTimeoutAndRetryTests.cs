extern alias temporaltestserver;

using System.Collections.Concurrent;
using Commerce.Workflows.Saga;
using Commerce.Workflows.Temporal;
using Microsoft.Extensions.Time.Testing;
using temporaltestserver::Commerce.Testing.Temporal;
using Temporalio.Activities;
using Temporalio.Api.Enums.V1;
using Temporalio.Client;
using Temporalio.Worker.Interceptors;
using static Commerce.Workflows.Tests.Saga.SagaOrders;

namespace Commerce.Workflows.Tests.Saga;

/// <summary>
/// The saga's timeouts and retry policies (<see cref="SagaActivityOptions"/>) as the server applies them, on an
/// in-process server of the test's own whose clock the test moves: minutes of backoff and timeouts pass in no time.
/// </summary>
public sealed class SagaTimeoutAndRetryTests(Participants participants) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly SagaOrders _orders = new(participants);
    private TemporalTestServer? _server;
    private TemporalClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await TemporalTestServer.StartAsync(new() { TimeProvider = _clock }, TestContext.Current.CancellationToken);
        _client = await TemporalClient.ConnectAsync(new(_server.Address));
        await SearchAttributeRegistration.EnsureRegisteredAsync(_client, OrderSaga.SearchAttributes, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task An_attempt_that_outlives_its_start_to_close_timeout_is_retried_and_the_saga_goes_on()
    {
        using var worker = new SagaWorker(participants, _client);
        var input = await _orders.PlaceAsync(onHand: 5, quantity: 2, ApprovedCard);
        var gate = new ActivityGate(HoldPoint.BeforeTheCall, nameof(SagaStep.ReserveStock));

        OrderSagaProgress? outcome = null;
        WorkflowHandle<OrderSaga, OrderSagaProgress>? handle = null;
        await worker.RunAsync(
            async () =>
            {
                handle = await worker.StartAsync(input);
                var stuck = await gate.NextAsync();
                Assert.Equal(1, stuck.Attempt);
                // The attempt hangs past its 30 s; the server gives up on it and, 1 s later, schedules the next.
                _clock.Advance(TimeSpan.FromSeconds(31));
                var retry = await NextWhileTheClockRunsAsync(gate);
                Assert.Equal(2, retry.Attempt);
                retry.Release();
                // The first attempt stays stuck until the worker stops; whatever it answers then, the server refuses.
                outcome = await handle.GetResultAsync();
            },
            gate);

        Assert.Equal(SagaStatus.Confirmed, outcome!.Status);
        var history = await SagaWorker.AssertReplaysAsync(handle!);
        var reserve = Assert.Single(SagaWorker.ActivityRuns(history), run => run.Activity == nameof(SagaStep.ReserveStock));
        Assert.Equal(2, reserve.Attempt);
        Assert.Equal(TimeoutType.StartToClose, reserve.LastFailure?.TimeoutFailureInfo?.TimeoutType);
        await _orders.AssertFulfilledOnceAsync(input, onHand: 5);
    }

    [Fact]
    public async Task A_step_whose_participant_stays_away_gives_up_after_its_time_and_its_compensation_keeps_retrying()
    {
        var attempts = new AttemptLog();
        using var worker = new SagaWorker(participants, _client, reachable: false);
        var input = await _orders.PlaceAsync(onHand: 5, quantity: 2, ApprovedCard);

        OrderSagaProgress? gaveUp = null;
        OrderSagaProgress? anHourLater = null;
        await worker.RunAsync(
            async () =>
            {
                var handle = await worker.StartAsync(input);
                // Reserving is retried (1 s, doubling, at most 30 s apart) for its 2 min, then the saga compensates.
                gaveUp = await AdvanceUntilAsync(TimeSpan.FromSeconds(5), handle, progress => progress.Status == SagaStatus.Compensating);
                var reserveAttempts = attempts.Of(nameof(SagaStep.ReserveStock));
                // Releasing has no time limit: an hour on, at most a minute apart, it is still being tried.
                var hourLater = _clock.GetUtcNow() + TimeSpan.FromHours(1);
                anHourLater = await AdvanceUntilAsync(TimeSpan.FromSeconds(30), handle, _ => _clock.GetUtcNow() >= hourLater);
                Assert.Equal(reserveAttempts, attempts.Of(nameof(SagaStep.ReserveStock)));
                await handle.TerminateAsync("test over");
            },
            attempts);

        Assert.Equal(SagaReasons.ParticipantUnavailable, gaveUp!.CancellationReason);
        Assert.Equal(SagaStepState.Failed, SagaAssert.State(gaveUp, SagaStep.ReserveStock));
        Assert.Equal(SagaStepState.Pending, SagaAssert.State(gaveUp, SagaStep.AuthorizePayment));
        // 2 min of 1, 2, 4, 8, 16, 30, 30… s apart (the clock moving in 5 s steps): more than one attempt, never unbounded.
        Assert.InRange(attempts.Of(nameof(SagaStep.ReserveStock)), 4, 10);
        // An hour of attempts at most a minute apart (the clock moving in 30 s steps), and the saga still on the release.
        Assert.True(attempts.Of("ReleaseStock") >= 20, $"release was tried {attempts.Of("ReleaseStock")} times in an hour");
        Assert.Equal(0, attempts.Of("CancelOrder"));
        Assert.Equal(SagaStatus.Compensating, anHourLater!.Status);
        Assert.Equal(0, await participants.ProcessorCallsAsync(input.OrderId));
    }

    /// <summary>The next attempt to reach the gate, nudging the clock a second at a time so a retry's backoff passes.</summary>
    private async Task<HeldActivity> NextWhileTheClockRunsAsync(ActivityGate gate)
    {
        var next = gate.NextAsync();
        var giveUp = DateTime.UtcNow + Patience;
        while (!next.IsCompleted && DateTime.UtcNow < giveUp)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(next, Task.Delay(50, TestContext.Current.CancellationToken));
        }

        return await next;
    }

    /// <summary>Moves the clock on by <paramref name="step"/> at a time until the saga's progress satisfies <paramref name="done"/>.</summary>
    private async Task<OrderSagaProgress> AdvanceUntilAsync(
        TimeSpan step, WorkflowHandle<OrderSaga, OrderSagaProgress> handle, Func<OrderSagaProgress, bool> done)
    {
        var giveUp = DateTime.UtcNow + Patience;
        while (true)
        {
            var progress = await handle.QueryAsync(saga => saga.GetProgress());
            if (done(progress))
            {
                return progress;
            }

            Assert.True(DateTime.UtcNow < giveUp, $"the saga is still {progress.Status} at {_clock.GetUtcNow():O}");
            _clock.Advance(step);
            // Real time for the worker to fail the attempt the server has just started.
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>Counts the attempts of each activity the worker ran.</summary>
    private sealed class AttemptLog : IWorkerInterceptor
    {
        private readonly ConcurrentDictionary<string, int> _attempts = new();

        public int Of(string activity) => _attempts.GetValueOrDefault(activity);

        public ActivityInboundInterceptor InterceptActivity(ActivityInboundInterceptor nextInterceptor) => new Inbound(this, nextInterceptor);

        private sealed class Inbound(AttemptLog log, ActivityInboundInterceptor next) : ActivityInboundInterceptor(next)
        {
            public override Task<object?> ExecuteActivityAsync(ExecuteActivityInput input)
            {
                log._attempts.AddOrUpdate(ActivityExecutionContext.Current.Info.ActivityType, 1, (_, count) => count + 1);
                return base.ExecuteActivityAsync(input);
            }
        }
    }
}
