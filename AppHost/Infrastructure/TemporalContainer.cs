namespace Commerce.AppHost.Infrastructure;

/// <summary>A Temporal development server: the whole Temporal service and its Web UI in one container.</summary>
public sealed class TemporalContainerResource(string name) : ContainerResource(name);

public static class TemporalContainer
{
    // The Temporal CLI's own image (github.com/temporalio/cli, Dockerfile): Alpine, `temporal` as the entrypoint, run
    // as the non-root user temporal (uid 1000) whose home directory is its only writable place. Pinned: every run gets
    // the same server, and the database on the data volume is only ever opened by the version that wrote it.
    private const string Image = "temporalio/temporal";
    private const string Tag = "1.8.2";
    private const string Registry = "docker.io";

    private const int GrpcPort = 7233;
    private const int UiPort = 8233;
    private const string DataDirectory = "/home/temporal";

    /// <summary>
    /// Adds <c>temporal server start-dev</c> as a container: the gRPC frontend, the Web UI (shown on the dashboard),
    /// and the <c>default</c> namespace. The order saga's search attributes are the worker's to register (it does so at
    /// start-up), so the server needs none of its own.
    /// </summary>
    public static IResourceBuilder<TemporalContainerResource> AddTemporalDevServerContainer(
        this IDistributedApplicationBuilder builder, [ResourceName] string name)
    {
        ArgumentNullException.ThrowIfNull(builder);

        return builder.AddResource(new TemporalContainerResource(name))
            .WithImage(Image, Tag)
            .WithImageRegistry(Registry)
            // start-dev listens on localhost unless told otherwise, which a published container port cannot reach.
            .WithArgs("server", "start-dev", "--ip", "0.0.0.0", "--port", $"{GrpcPort}", "--ui-port", $"{UiPort}")
            .WithTemporalEndpoints(grpcTargetPort: GrpcPort, uiTargetPort: UiPort)
            .WithTemporalHealthCheck();
    }

    /// <summary>
    /// Keeps the server's state in a SQLite file on a named volume, so running sagas, their histories and timers
    /// survive an AppHost restart (by default start-dev keeps everything in memory).
    /// </summary>
    public static IResourceBuilder<TemporalContainerResource> WithDataVolume(
        this IResourceBuilder<TemporalContainerResource> builder, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // The image's home directory is owned by the temporal user, and a fresh named volume takes the ownership of the
        // directory it is mounted on, so the server can create its database there without running as root.
        return builder.WithVolume(name ?? VolumeNameGenerator.Generate(builder, "data"), DataDirectory)
            .WithArgs("--db-filename", $"{DataDirectory}/temporal.db");
    }
}
