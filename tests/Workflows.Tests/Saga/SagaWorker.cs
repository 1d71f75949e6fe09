using Commerce.Workflows.Activities;
using Commerce.Workflows.Saga;
using Commerce.Workflows.Tests.Activities;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.Failure.V1;
using Temporalio.Api.History.V1;
using Temporalio.Client;
using Temporalio.Common;
using Temporalio.Exceptions;
using Temporalio.Worker;
using Temporalio.Worker.Interceptors;

namespace Commerce.Workflows.Tests.Saga;

/// <summary>
/// The real saga on a worker of its own (a fresh task queue per test), its activities resolved from the worker's own
/// registrations and calling the participants running in-process (or, with <paramref name="reachable"/> false, finding
/// every connection refused).
/// </summary>
public sealed class SagaWorker(Participants participants, TemporalClient client, bool reachable = true) : IDisposable
{
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(30);

    private readonly WorkerServices _services = new(participants.CreateWorkerServices(reachable));
    private readonly string _taskQueue = $"orders-{Guid.NewGuid():N}";

    public TemporalClient Client => client;

    /// <summary>
    /// Runs <paramref name="test"/> while a worker polls the test's task queue; the worker stops when it returns. Each
    /// call is a fresh worker on the same queue, so a second call picks up where a stopped one left off.
    /// </summary>
    public async Task RunAsync(Func<Task> test, params IWorkerInterceptor[] interceptors)
    {
        var options = new TemporalWorkerOptions(_taskQueue)
            .AddAllActivities(_services.Get<InventoryActivities>())
            .AddAllActivities(_services.Get<PaymentActivities>())
            .AddAllActivities(_services.Get<ShippingActivities>())
            .AddAllActivities(_services.Get<OrderingActivities>())
            .AddWorkflow<OrderSaga>();
        options.Interceptors = interceptors;
        using var worker = new TemporalWorker(client, options);
        await worker.ExecuteAsync(test, TestContext.Current.CancellationToken);
    }

    public Task<WorkflowHandle<OrderSaga, OrderSagaProgress>> StartAsync(OrderSagaInput input) =>
        client.StartWorkflowAsync(
            (OrderSaga saga) => saga.RunAsync(input),
            new WorkflowOptions(OrderSaga.WorkflowIdFor(input.OrderId), _taskQueue));

    /// <summary>The ids of the sagas a visibility query lists, once it lists <paramref name="expected"/>: a real server's visibility lags.</summary>
    public async Task<string[]> ListedAsync(string query, int expected)
    {
        var giveUp = DateTime.UtcNow + EventTimeout;
        while (true)
        {
            var ids = await client.ListWorkflowsAsync(query).Select(saga => saga.Id).ToArrayAsync(TestContext.Current.CancellationToken);
            if (ids.Length == expected || DateTime.UtcNow > giveUp)
            {
                return ids;
            }
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>The worker must accept the history the run wrote as its own on replay; returns that history.</summary>
    public static async Task<WorkflowHistory> AssertReplaysAsync(WorkflowHandle handle)
    {
        var history = await handle.FetchHistoryAsync();
        await AssertReplaysAsync(history);
        return history;
    }

    public static async Task AssertReplaysAsync(WorkflowHistory history)
    {
        var replay = await new WorkflowReplayer(new WorkflowReplayerOptions().AddWorkflow<OrderSaga>())
            .ReplayWorkflowAsync(history, throwOnReplayFailure: false);
        Assert.Null(replay.ReplayFailure);
    }

    /// <summary>
    /// Waits until the run's history holds an event that <paramref name="match"/> accepts, reading the history as the
    /// server appends to it (a long poll, so no sleeping).
    /// </summary>
    public static async Task WaitForEventAsync(WorkflowHandle handle, Func<HistoryEvent, bool> match)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(EventTimeout);
        try
        {
            var events = handle.FetchHistoryEventsAsync(new WorkflowHistoryEventFetchOptions
            {
                WaitNewEvent = true,
                Rpc = new RpcOptions { CancellationToken = timeout.Token },
            });
            await foreach (var historyEvent in events.WithCancellation(timeout.Token))
            {
                if (match(historyEvent))
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or RpcException && timeout.IsCancellationRequested
            && !TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"the awaited history event did not come within {EventTimeout.TotalSeconds} s");
        }

        Assert.Fail("the run ended without the awaited history event");
    }

    /// <summary>
    /// Every activity the run scheduled, in order, with the attempt that ended it and the failure of the attempt before:
    /// what the history says of retries (a retry leaves no event of its own).
    /// </summary>
    public static IReadOnlyList<ActivityRun> ActivityRuns(WorkflowHistory history)
    {
        var started = history.Events
            .Where(e => e.EventType == EventType.ActivityTaskStarted)
            .ToDictionary(e => e.ActivityTaskStartedEventAttributes.ScheduledEventId, e => e.ActivityTaskStartedEventAttributes);
        return [.. history.Events
            .Where(e => e.EventType == EventType.ActivityTaskScheduled)
            .Select(e => (Activity: e.ActivityTaskScheduledEventAttributes.ActivityType.Name, Start: started.GetValueOrDefault(e.EventId)))
            .Select(run => new ActivityRun(run.Activity, run.Start?.Attempt ?? 0, run.Start?.LastFailure))];
    }

    public void Dispose() => _services.Dispose();
}

/// <summary>One scheduled activity as its history tells it: <see cref="Attempt"/> 0 when no attempt of it has ended yet.</summary>
public sealed record ActivityRun(string Activity, int Attempt, Failure? LastFailure);
