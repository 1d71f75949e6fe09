using Commerce.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Commerce.Workflows.Tests.Temporal;

/// <summary>
/// The Workflows service (<see cref="ServiceFactory{TEntryPoint}"/>) with a Temporal address of the test's choosing:
/// by default one nothing listens on.
/// </summary>
public sealed class WorkflowsServiceHost(string temporalAddress) : ServiceFactory<Program>(Extensions.ServiceName)
{
    public static async Task<WorkflowsServiceHost> StartAsync(string environment, string? temporalAddress = null)
    {
        var host = new WorkflowsServiceHost(temporalAddress ?? $"127.0.0.1:{LoopbackPorts.FindFree()}")
        {
            EnvironmentName = environment,
            MinimumLogLevel = LogLevel.Critical,
        };
        await host.InitializeAsync();
        return host;
    }

    protected override void ConfigureService(IWebHostBuilder builder) => builder.UseSetting("TEMPORAL_ADDRESS", temporalAddress);
}
