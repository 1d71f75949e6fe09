using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Commerce.AppHost.Infrastructure;

namespace Commerce.AppHost.Tests;

/// <summary>
/// The in-process Temporal server as local mode models it where there is no temporal CLI: gRPC for the worker and the
/// Temporal UI, which a resource beside it builds. Nothing is started.
/// </summary>
public sealed class LocalTemporalResourceTests : IDisposable
{
    private readonly string _stateDirectory = Directory.CreateTempSubdirectory("commerce-apphost-model-").FullName;

    // Building the model prepares local mode's state (PostgreSQL's cluster among it), which under root the postgres
    // user must reach.
    public LocalTemporalResourceTests() => File.SetUnixFileMode(_stateDirectory, (UnixFileMode)Convert.ToInt32("755", 8));

    [Fact]
    public async Task Temporal_serves_the_ui_built_in_tools_temporal_ui_and_waits_for_nothing_while_the_build_runs_beside_it()
    {
        if (Environment.GetEnvironmentVariable("PATH")?.Split(Path.PathSeparator).Any(dir => File.Exists(Path.Combine(dir, "temporal"))) == true)
        {
            Assert.Skip("a temporal CLI is on PATH, so local mode runs its dev server instead of the in-process one");
        }

        var cancellationToken = TestContext.Current.CancellationToken;
        await using var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Commerce_AppHost>(
            ["--Commerce:Infrastructure=local", $"--Commerce:StateDirectory={_stateDirectory}"], cancellationToken);
        await using var app = await appHost.BuildAsync(cancellationToken);
        var temporal = Assert.Single(appHost.Resources.OfType<ProjectResource>(), resource => resource.Name == "temporal");
        var build = Assert.Single(appHost.Resources.OfType<TemporalUiBuildResource>());
        var site = Path.GetFullPath(Path.Combine(appHost.AppHostDirectory, "..", "tools", "temporal-ui"));

        var endpoints = temporal.Annotations.OfType<EndpointAnnotation>().ToDictionary(endpoint => endpoint.Name);
        Assert.Equal("http", endpoints[TemporalFrontend.UiEndpointName].UriScheme);
        var arguments = (await PublishedConfiguration.ResolveAsync(temporal, app.Services, cancellationToken)).Arguments
            .Select(argument => argument.Value).ToList();
        Assert.Equal(["{temporal.bindings.ui.targetPort}"], PublishedConfiguration.ValuesOf("--ui-port", arguments));
        Assert.Equal([Path.Combine(site, "build")], PublishedConfiguration.ValuesOf("--ui-root", arguments));

        Assert.Equal("temporal-ui-build", build.Name);
        Assert.Equal(Path.Combine(site, "build.sh"), build.Command);
        Assert.True(build.TryGetLastAnnotation<ResourceRelationshipAnnotation>(out var parent) && parent.Resource == temporal);
        // The worker needs gRPC at once; the UI says it is being built until it is.
        Assert.DoesNotContain(temporal.Annotations.OfType<WaitAnnotation>(), wait => wait.Resource == build);
    }

    public void Dispose() => Directory.Delete(_stateDirectory, recursive: true);
}
