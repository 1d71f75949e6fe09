using System.Net;
using Commerce.Testing.Temporal.Http;
using Commerce.Testing.Temporal.Rpc;
using Commerce.Testing.Temporal.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Commerce.Testing.Temporal;

/// <summary>
/// An in-process server speaking the part of Temporal's gRPC API that the .NET SDK uses, so the real client and worker
/// run real workflows in tests without a Temporal binary. Everything is held in memory and lost when it stops.
/// </summary>
public sealed class TemporalTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly WebApplication? _ui;

    private TemporalTestServer(WebApplication app, string address, WebApplication? ui)
    {
        _app = app;
        _ui = ui;
        Address = address;
        UiAddress = ui is null ? null : BoundAddress(ui);
    }

    /// <summary><c>host:port</c> to give <c>TemporalClient.ConnectAsync</c> as its target host.</summary>
    public string Address { get; }

    /// <summary>The Web UI's origin (<c>http://127.0.0.1:port/</c>) when <see cref="TemporalTestServerOptions.Ui"/> asked for it.</summary>
    public Uri? UiAddress { get; }

    public static async Task<TemporalTestServer> StartAsync(
        TemporalTestServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new TemporalTestServerOptions();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port,
            listen => listen.Protocols = HttpProtocols.Http2));
        // The server lives inside someone else's process (a test run): it must not take over Ctrl+C or SIGTERM.
        builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<WorkflowEngine>();
        builder.Services.AddGrpc(grpc =>
        {
            // Workflow histories and their payloads can be larger than gRPC's 4 MB default.
            grpc.MaxReceiveMessageSize = 128 * 1024 * 1024;
            grpc.MaxSendMessageSize = 128 * 1024 * 1024;
        });
        // grpc.health.v1.Health/Check, which the SDK's CheckHealthAsync (and so the worker's /health) and the AppHost's
        // readiness check call, naming the WorkflowService as a real frontend expects. A service's status comes from the
        // checks mapped to it (none would answer UNKNOWN): the frontend serves as soon as it listens.
        builder.Services.AddGrpcHealthChecks(health => health.Services.Map(WorkflowServiceEndpoint.ServiceName, _ => true))
            .AddCheck("frontend", () => HealthCheckResult.Healthy());

        var app = builder.Build();
        app.Use(UnimplementedRpcs.AnswerUnknownRpcs);
        app.MapGrpcService<WorkflowServiceEndpoint>();
        app.MapGrpcService<OperatorServiceEndpoint>();
        app.MapGrpcHealthChecksService();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);

        var ui = options.Ui is null
            ? null
            : await StartUiAsync(options, app.Services.GetRequiredService<WorkflowEngine>(), cancellationToken).ConfigureAwait(false);
        return new TemporalTestServer(app, BoundAddress(app).Authority, ui);
    }

    /// <summary>
    /// The Web UI and its HTTP API on a port of their own (HTTP/1.1, which browsers speak; the gRPC port is HTTP/2
    /// only), over the same engine as the gRPC API.
    /// </summary>
    private static async Task<WebApplication> StartUiAsync(
        TemporalTestServerOptions options, WorkflowEngine engine, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var site = options.Ui ?? throw new ArgumentException("No Web UI was asked for.", nameof(options));
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, site.Port,
            listen => listen.Protocols = HttpProtocols.Http1AndHttp2));
        builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        var ui = builder.Build();
        ui.MapTemporalHttpApi(engine, options);
        ui.MapTemporalUiSite(site.SiteDirectory);
        await ui.StartAsync(cancellationToken).ConfigureAwait(false);
        return ui;
    }

    private static Uri BoundAddress(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());

    private sealed class EmbeddedLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        // Open long polls are answered first, so stopping does not wait for them to time out.
        _app.Services.GetRequiredService<WorkflowEngine>().Dispose();
        if (_ui is not null)
        {
            await _ui.StopAsync().ConfigureAwait(false);
            await _ui.DisposeAsync().ConfigureAwait(false);
        }
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
