using System.Runtime.Versioning;

namespace Commerce.AppHost.Infrastructure;

/// <summary><c>temporal server start-dev</c> from the Temporal CLI on PATH: the whole service and its Web UI.</summary>
public sealed class TemporalCliResource(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory);

/// <summary>
/// tools/temporal-ui/build.sh, which builds the in-process server's Web UI when it is missing or out of date: it runs
/// once per AppHost start and finishes (exit code 0 when the UI is built), unlike every other resource.
/// </summary>
public sealed class TemporalUiBuildResource(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory);

[UnsupportedOSPlatform("windows")]
public static class LocalTemporal
{
    /// <summary>
    /// The Temporal CLI's dev server where <c>temporal</c> is on PATH (its state in <c>{state}/temporal</c>, its UI on
    /// the dashboard), else the in-process server of Commerce.Testing.Temporal as a project: the only Temporal on a
    /// machine with neither a container runtime nor the CLI. That one keeps everything in memory, so sagas still
    /// running when the AppHost stops are lost (their orders stay as they were); its Web UI is built from npm.
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

        return builder.AddInProcessTemporal(name);
    }

    /// <summary>
    /// The in-process server, serving gRPC and Temporal's own Web UI: the static site of tools/temporal-ui, which
    /// <c>{name}-ui-build</c> builds beside it on the first run (npm, a few minutes) and finds up to date on the next.
    /// The server does not wait for that build (the worker needs gRPC at once); until build/index.html exists its UI
    /// pages say the UI is being built.
    /// </summary>
    private static TemporalFrontend AddInProcessTemporal(this IDistributedApplicationBuilder builder, string name)
    {
        var site = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..", "tools", "temporal-ui"));
        var server = builder.AddProject<Projects.Commerce_Testing_Temporal>(name, launchProfileName: null)
            .WithoutHttpsCertificate()
            .WithIconName("ArrowSync")
            .WithTemporalEndpoints();
        var grpc = server.GetEndpoint(TemporalFrontend.GrpcEndpointName);
        var ui = server.GetEndpoint(TemporalFrontend.UiEndpointName);
        server
            .WithArgs(context => context.Args.Append([
                "--port", grpc.Property(EndpointProperty.TargetPort),
                "--ui-port", ui.Property(EndpointProperty.TargetPort),
                "--ui-root", Path.Combine(site, "build")]))
            .WithTemporalHealthCheck();

        builder.AddResource(new TemporalUiBuildResource($"{name}-ui-build", Path.Combine(site, "build.sh"), site))
            .WithIconName("Wrench")
            .WithParentRelationship(server);
        return server.AsTemporalFrontend();
    }
}
