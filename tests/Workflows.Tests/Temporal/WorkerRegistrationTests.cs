using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Temporalio.Extensions.Hosting;

namespace Commerce.Workflows.Tests.Temporal;

public sealed class WorkerRegistrationTests : IAsyncLifetime
{
    private WorkflowsServiceHost _worker = null!;

    public async ValueTask InitializeAsync() => _worker = await WorkflowsServiceHost.StartAsync(Environments.Production);

    [Fact]
    public void The_worker_serves_the_saga_and_every_activity_it_calls_on_the_orders_task_queue()
    {
        // The hosting package names each worker's options after its task queue with a method it keeps internal.
        var optionsName = (string)typeof(TemporalWorkerServiceOptions)
            .GetMethod("GetUniqueOptionsName", BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Static)!
            .Invoke(null, ["orders", null])!;
        var options = _worker.Services.GetRequiredService<IOptionsMonitor<TemporalWorkerServiceOptions>>().Get(optionsName);

        Assert.Equal("orders", options.TaskQueue);
        Assert.Equal(["OrderSaga"], options.Workflows.Select(workflow => workflow.Name));
        Assert.Equal(
            [
                "AuthorizePayment", "CancelOrder", "CancelShipment", "CapturePayment", "CommitStock", "ConfirmOrder",
                "CreateShipment", "ReleaseStock", "ReserveStock", "UndoPayment",
            ],
            options.Activities.Select(activity => activity.Name).Order(StringComparer.Ordinal));
    }

    public async ValueTask DisposeAsync() => await _worker.DisposeAsync();
}
