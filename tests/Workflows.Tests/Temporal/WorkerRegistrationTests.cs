using System.Reflection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Temporalio.Extensions.Hosting;

namespace Commerce.Workflows.Tests.Temporal;

public sealed class WorkerRegistrationTests : IDisposable
{
    private readonly WebApplicationFactory<Program> _worker = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
    {
        builder.UseEnvironment(Environments.Production);
        builder.UseSetting("ConnectionStrings:temporal", "127.0.0.1:9");
        builder.UseSetting("Logging:LogLevel:Default", nameof(LogLevel.Critical));
    });

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

    [Fact]
    public void The_hosted_worker_waits_for_the_connection_instead_of_starting_on_its_own()
    {
        var hosted = _worker.Services.GetServices<IHostedService>().Select(service => service.GetType().Name).ToArray();

        Assert.Contains("WorkerAfterConnection", hosted);
        Assert.Contains("TemporalConnector", hosted);
        Assert.DoesNotContain(nameof(TemporalWorkerService), hosted);
    }

    public void Dispose() => _worker.Dispose();
}
