using System.Runtime.Versioning;

namespace Commerce.AppHost.Infrastructure;

/// <summary><c>temporal server start-dev</c> from the Temporal CLI on PATH: the whole service and its Web UI.</summary>
public sealed class TemporalCliResource(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory);

[UnsupportedOSPlatform("windows")]
public static class LocalTemporal
{
    /// <summary>
    /// The Temporal CLI's dev server where <c>temporal</c> is on PATH (its state in <c>{state}/temporal</c>, its UI on
    /// the dashboard), else the in-process server of Commerce.Testing.Temporal as a project: the only Temporal on a
    /// machine with neither a container runtime nor the CLI. That one keeps everything in memory, so sagas still
    /// running when the AppHost stops are lost (their orders stay as they were); it has no Web UI.
    /// </summary>
    public static TemporalFrontend AddLocalTemporal(
        this IDistributedApplicationBuilder builder, [ResourceName] string name, LocalPrograms programs, string stateDirectory)
    {
        if (programs.TemporalCli is { } cli)
        {
            var directory = Path.Combine(stateDirectory, "temporal");
            Directory.CreateDirectory(directory);
            var server = builder.AddResource(new TemporalCliResource(name, cli, directory))
                .WithIconName("ArrowSync")
                .WithTemporalEndpoints();
            var grpc = server.GetEndpoint(TemporalFrontend.GrpcEndpointName);
            var ui = server.GetEndpoint(TemporalFrontend.UiEndpointName);
            return server
                .WithArgs(context => context.Args.Append([
                    "server", "start-dev", "--ip", "127.0.0.1",
                    "--port", grpc.Property(EndpointProperty.TargetPort),
                    "--ui-port", ui.Property(EndpointProperty.TargetPort),
                    "--db-filename", Path.Combine(directory, "temporal.db")]))
                .WithTemporalHealthCheck()
                .AsTemporalFrontend();
        }

        var inProcess = builder.AddProject<Projects.Commerce_Testing_Temporal>(name, launchProfileName: null)
            .WithoutHttpsCertificate()
            .WithIconName("ArrowSync")
            .WithTemporalEndpoints(withUi: false);
        var endpoint = inProcess.GetEndpoint(TemporalFrontend.GrpcEndpointName);
        return inProcess
            .WithArgs(context => context.Args.Append(["--port", endpoint.Property(EndpointProperty.TargetPort)]))
            .WithTemporalHealthCheck()
            .AsTemporalFrontend();
    }
}
