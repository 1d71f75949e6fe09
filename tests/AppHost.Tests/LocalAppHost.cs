using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Commerce.AppHost.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Commerce.AppHost.Tests;

/// <summary>
/// The whole AppHost in local mode, as `dotnet run --project AppHost` starts it on a machine without a container
/// runtime, with two differences that keep a test run to itself: its servers keep their data in a throwaway state
/// directory (deleted afterwards), and the saga's grace period is shorter (<see cref="GracePeriod"/>). Whole-system
/// suites of other projects (the fault matrix) build on it with their own settings (<see cref="Settings"/>).
/// </summary>
public class LocalAppHost : IAsyncLifetime
{
    /// <summary>
    /// The saga's wait before shipping: long enough for a customer in a browser to press "Cancel order" on the order
    /// page after checking out, short enough that orders are confirmed without much waiting.
    /// </summary>
    public static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(20);

    // Generous: on a loaded 2-core machine, a first start initialises a PostgreSQL cluster and a RabbitMQ node and
    // starts eleven .NET processes while other test projects run (4 minutes was seen to run out); below the run's
    // 10-minute hang dump all the same.
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(7);

    private readonly string _stateDirectory = Directory.CreateTempSubdirectory("commerce-apphost-test-").FullName;
    private DistributedApplication? _app;

    public DistributedApplication App => _app ?? throw new InvalidOperationException("The AppHost has not started.");

    /// <summary>Every resource of the model, the infrastructure's included.</summary>
    public IReadOnlyList<string> ResourceNames { get; private set; } = [];

    /// <summary>The saga's grace period in this system: <see cref="GracePeriod"/> unless a suite chooses another.</summary>
    public virtual TimeSpan SagaGracePeriod => GracePeriod;

    /// <summary>AppHost settings beyond local mode and the state directory, as <c>--Key=value</c> arguments.</summary>
    protected virtual IEnumerable<string> Settings => [];

    public virtual async ValueTask InitializeAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(StartTimeout);
        var cancellationToken = timeout.Token;

        // PostgreSQL refuses to run as root, so under root the AppHost runs it as the postgres user, who must reach
        // the data directory inside this one.
        File.SetUnixFileMode(_stateDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var appHost = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Commerce_AppHost>(
            ["--Commerce:Infrastructure=local", $"--Commerce:StateDirectory={_stateDirectory}", .. Settings], cancellationToken);
        appHost.CreateResourceBuilder<ProjectResource>("workflows")
            .WithEnvironment("Workflows__GracePeriod", SagaGracePeriod.ToString("c", System.Globalization.CultureInfo.InvariantCulture));
        // The resources' own output (a RabbitMQ boot, every failed probe while a server starts) is in the dashboard
        // when run for real; here only what went wrong is worth printing.
        appHost.Services.AddLogging(logging => logging
            .SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None));
        // Not those started only on demand (the hidden rebuilder Aspire adds beside each project).
        var resources = appHost.Resources.Where(resource => !resource.HasAnnotationOfType<ExplicitStartupAnnotation>()).ToList();
        ResourceNames = [.. resources.Select(resource => resource.Name)];

        _app = await appHost.BuildAsync(cancellationToken);
        await _app.StartAsync(cancellationToken);
        // A resource that exits (a server that cannot start, a service whose migration fails) fails at once, naming
        // itself, instead of leaving the test to wait for the timeout. The Temporal UI's build is the one meant to exit,
        // with 0: after test.sh's own build it finds the UI up to date and finishes at once (without test.sh, a first
        // run waits here for the whole build).
        await Task.WhenAll(resources.Select(resource => resource is TemporalUiBuildResource
            ? WaitForSuccessAsync(_app, resource.Name, cancellationToken)
            : _app.ResourceNotifications.WaitForResourceHealthyAsync(resource.Name, WaitBehavior.StopOnResourceUnavailable, cancellationToken)));
    }

    /// <summary>Waits for a resource that runs to completion to finish; it fails naming it, with its output, unless it exited 0.</summary>
    private static async Task WaitForSuccessAsync(DistributedApplication app, string name, CancellationToken cancellationToken)
    {
        var finished = await app.ResourceNotifications.WaitForResourceAsync(
            name, resourceEvent => KnownResourceStates.TerminalStates.Contains(resourceEvent.Snapshot.State?.Text), cancellationToken);
        if (finished.Snapshot.ExitCode != 0)
        {
            var output = new List<string>();
            await foreach (var lines in app.Services.GetRequiredService<ResourceLoggerService>().GetAllAsync(name).WithCancellation(cancellationToken))
            {
                output.AddRange(lines.Select(line => line.Content));
            }

            throw new InvalidOperationException(
                $"{name} {finished.Snapshot.State?.Text} with exit code {finished.Snapshot.ExitCode?.ToString() ?? "none"}; " +
                $"its last output: {string.Join(Environment.NewLine, output.TakeLast(20))}");
        }
    }

    /// <summary><c>host:port</c> of the Temporal frontend, as the worker is given it.</summary>
    public string TemporalAddress
    {
        get
        {
            var grpc = App.GetEndpoint("temporal", "grpc");
            return $"{grpc.Host}:{grpc.Port}";
        }
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Directory.Delete(_stateDirectory, recursive: true);
    }
}
