using Commerce.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Commerce.Workflows.Tests.Temporal;

/// <summary>The Workflows service (<see cref="ServiceFactory{TEntryPoint}"/>) with a Temporal address nothing listens on.</summary>
public sealed class WorkflowsServiceHost() : ServiceFactory<Program>(Extensions.ServiceName)
{
    public static async Task<WorkflowsServiceHost> StartAsync(string environment)
    {
        var host = new WorkflowsServiceHost { EnvironmentName = environment, MinimumLogLevel = LogLevel.Critical };
        await host.InitializeAsync();
        return host;
    }

    protected override void ConfigureService(IWebHostBuilder builder) =>
        builder.UseSetting("TEMPORAL_ADDRESS", $"127.0.0.1:{LoopbackPorts.FindFree()}");
}
