using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Commerce.AppHost.Infrastructure;

namespace Commerce.AppHost.Tests;

/// <summary>
/// The Temporal server and the worker as the AppHost models them in container mode (what a deployment runs). Nothing
/// is started, so no container runtime is needed.
/// </summary>
public sealed class WorkflowsResourceTests
{
    private static readonly string[] Participants = ["inventory", "payments", "shipping", "ordering"];

    [Fact]
    public async Task Temporal_serves_grpc_and_its_ui_and_keeps_its_database_on_a_volume()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Commerce_AppHost>(
            ["--Commerce:Infrastructure=containers"], cancellationToken);
        await using var app = await appHost.BuildAsync(cancellationToken);
        var temporal = Assert.Single(appHost.Resources.OfType<TemporalContainerResource>(), resource => resource.Name == "temporal");

        var endpoints = temporal.Annotations.OfType<EndpointAnnotation>().ToDictionary(endpoint => endpoint.Name);
        Assert.Equal(7233, endpoints[TemporalFrontend.GrpcEndpointName].TargetPort);
        Assert.Equal("http2", endpoints[TemporalFrontend.GrpcEndpointName].Transport);
        Assert.Equal(8233, endpoints[TemporalFrontend.UiEndpointName].TargetPort);
        Assert.Equal("http", endpoints[TemporalFrontend.UiEndpointName].UriScheme);

        var arguments = (await PublishedConfiguration.ResolveAsync(temporal, app.Services, cancellationToken)).Arguments
            .Select(argument => argument.Value).ToList();

        // Sagas outlive an AppHost restart only if the database file is on the volume.
        var database = Assert.Single(PublishedConfiguration.ValuesOf("--db-filename", arguments));
        Assert.Contains(
            temporal.Annotations.OfType<ContainerMountAnnotation>(),
            mount => mount.Type == ContainerMountType.Volume && database.StartsWith(mount.Target + "/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_worker_is_given_the_temporal_address_its_database_the_bus_and_the_participants()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Commerce_AppHost>(
            ["--Commerce:Infrastructure=containers"], cancellationToken);
        await using var app = await appHost.BuildAsync(cancellationToken);
        var workflows = Assert.Single(appHost.Resources.OfType<ProjectResource>(), resource => resource.Name == "workflows");

        var environment = (await PublishedConfiguration.ResolveAsync(workflows, app.Services, cancellationToken)).EnvironmentVariables
            .ToDictionary(variable => variable.Key, variable => variable.Value);

        // host:port of the gRPC endpoint, no scheme: the form the Temporal SDK takes.
        Assert.Equal("{temporal.bindings.grpc.host}:{temporal.bindings.grpc.port}", environment["TEMPORAL_ADDRESS"]);
        Assert.Equal("default", environment["TEMPORAL_NAMESPACE"]);
        Assert.Equal("{workflowsdb.connectionString}", environment["ConnectionStrings__workflowsdb"]);
        Assert.Equal("{eventbus.connectionString}", environment["ConnectionStrings__eventbus"]);
        Assert.All(Participants, participant =>
            Assert.Contains(environment.Keys, key => key.StartsWith($"services__{participant}__", StringComparison.Ordinal)));

        var awaited = workflows.Annotations.OfType<WaitAnnotation>().Select(wait => wait.Resource.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { "temporal", "workflowsdb", "eventbus" }, awaited);
    }
}
