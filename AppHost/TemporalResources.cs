namespace Commerce.AppHost;

/// <summary>A Temporal development server: the whole Temporal service and its Web UI in one container.</summary>
public sealed class TemporalServerResource(string name) : ContainerResource(name)
{
    public const string GrpcEndpointName = "grpc";
    public const string UiEndpointName = "ui";

    /// <summary>The frontend's gRPC API, where workers and clients connect.</summary>
    public EndpointReference GrpcEndpoint => field ??= new(this, GrpcEndpointName);

    /// <summary>
    /// <c>host:port</c> of the gRPC endpoint: what Temporal's SDKs and CLI take as <c>TEMPORAL_ADDRESS</c>
    /// (a target, not a URL, so no scheme).
    /// </summary>
    public EndpointReferenceExpression Address => GrpcEndpoint.Property(EndpointProperty.HostAndPort);
}

public static class TemporalResourceBuilderExtensions
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
    /// the <c>default</c> namespace, and the order saga's search attributes, registered when the namespace is created.
    /// </summary>
    public static IResourceBuilder<TemporalServerResource> AddTemporalDevServer(
        this IDistributedApplicationBuilder builder, [ResourceName] string name)
    {
        ArgumentNullException.ThrowIfNull(builder);

        return builder.AddResource(new TemporalServerResource(name))
            .WithImage(Image, Tag)
            .WithImageRegistry(Registry)
            // start-dev listens on localhost unless told otherwise, which a published container port cannot reach.
            .WithArgs("server", "start-dev", "--ip", "0.0.0.0", "--port", $"{GrpcPort}", "--ui-port", $"{UiPort}")
            // The saga upserts these as it advances, and the server refuses an attribute it does not know (the
            // workflow task fails); the worker registers none. Keyword: matched exactly, as an operator searches by
            // id or status.
            .WithArgs(
                "--search-attribute", "OrderId=Keyword",
                "--search-attribute", "CustomerId=Keyword",
                "--search-attribute", "OrderStatus=Keyword")
            // gRPC is HTTP/2 without TLS; saying so lets a deployment target give it an HTTP/2 ingress. Not a page a
            // browser can open, so the dashboard lists it with the resource's details rather than as a link.
            .WithHttpEndpoint(targetPort: GrpcPort, name: TemporalServerResource.GrpcEndpointName)
            .WithEndpoint(TemporalServerResource.GrpcEndpointName, endpoint => endpoint.Transport = "http2")
            .WithUrlForEndpoint(
                TemporalServerResource.GrpcEndpointName, url => url.DisplayLocation = UrlDisplayLocation.DetailsOnly)
            .WithHttpEndpoint(targetPort: UiPort, name: TemporalServerResource.UiEndpointName)
            .WithUrlForEndpoint(TemporalServerResource.UiEndpointName, url => url.DisplayText = "Temporal UI")
            // The UI may answer before the frontend does; this path is proxied to the frontend (DescribeNamespace), so
            // it answers 200 only once the frontend serves and the namespace exists: then a worker waiting on it can
            // connect.
            .WithHttpHealthCheck("/api/v1/namespaces/default", endpointName: TemporalServerResource.UiEndpointName);
    }

    /// <summary>
    /// Keeps the server's state in a SQLite file on a named volume, so running sagas, their histories and timers
    /// survive an AppHost restart (by default start-dev keeps everything in memory).
    /// </summary>
    /// <remarks>
    /// The search attributes are registered only when the namespace is first created, that is on an empty volume: after
    /// adding one to <see cref="AddTemporalDevServer"/>, delete the volume (or register it with
    /// <c>temporal operator search-attribute create</c>).
    /// </remarks>
    public static IResourceBuilder<TemporalServerResource> WithDataVolume(
        this IResourceBuilder<TemporalServerResource> builder, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // The image's home directory is owned by the temporal user, and a fresh named volume takes the ownership of the
        // directory it is mounted on, so the server can create its database there without running as root.
        return builder.WithVolume(name ?? VolumeNameGenerator.Generate(builder, "data"), DataDirectory)
            .WithArgs("--db-filename", $"{DataDirectory}/temporal.db");
    }
}
