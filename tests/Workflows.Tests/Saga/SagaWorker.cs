using Commerce.Workflows.Activities;
using Commerce.Workflows.Saga;
using Commerce.Workflows.Tests.Activities;
using Temporalio.Client;
using Temporalio.Worker;

namespace Commerce.Workflows.Tests.Saga;

/// <summary>
/// The real saga on a worker of its own (a fresh task queue per test), its activities resolved from the worker's own
/// registrations and calling the participants running in-process.
/// </summary>
public sealed class SagaWorker(Participants participants, TemporalClient client) : IDisposable
{
    private readonly WorkerServices _services = new(participants.CreateWorkerServices());
    private readonly string _taskQueue = $"orders-{Guid.NewGuid():N}";

    public TemporalClient Client => client;

    /// <summary>Runs <paramref name="test"/> while the worker polls; the worker stops when it returns.</summary>
    public async Task RunAsync(Func<Task> test)
    {
        var options = new TemporalWorkerOptions(_taskQueue)
            .AddAllActivities(_services.Get<InventoryActivities>())
            .AddAllActivities(_services.Get<PaymentActivities>())
            .AddAllActivities(_services.Get<ShippingActivities>())
            .AddAllActivities(_services.Get<OrderingActivities>())
            .AddWorkflow<OrderSaga>();
        using var worker = new TemporalWorker(client, options);
        await worker.ExecuteAsync(test, TestContext.Current.CancellationToken);
    }

    public Task<WorkflowHandle<OrderSaga, OrderSagaProgress>> StartAsync(OrderSagaInput input) =>
        client.StartWorkflowAsync(
            (OrderSaga saga) => saga.RunAsync(input),
            new WorkflowOptions(OrderSaga.WorkflowIdFor(input.OrderId), _taskQueue));

    /// <summary>The worker must accept the history the run wrote as its own on replay.</summary>
    public static async Task AssertReplaysAsync(WorkflowHandle handle)
    {
        var history = await handle.FetchHistoryAsync();
        var replay = await new WorkflowReplayer(new WorkflowReplayerOptions().AddWorkflow<OrderSaga>())
            .ReplayWorkflowAsync(history, throwOnReplayFailure: false);
        Assert.Null(replay.ReplayFailure);
    }

    /// <summary>Waits until the run's history holds an event that <paramref name="match"/> accepts.</summary>
    public static async Task WaitForEventAsync(WorkflowHandle handle, Func<Temporalio.Api.History.V1.HistoryEvent, bool> match)
    {
        var giveUp = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!(await handle.FetchHistoryAsync()).Events.Any(match))
        {
            Assert.True(DateTime.UtcNow < giveUp, "the awaited history event never came");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    public void Dispose() => _services.Dispose();
}
