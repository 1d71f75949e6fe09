using System.Net.Sockets;
using System.Net;
using Microsoft.Extensions.Configuration;

namespace Commerce.AppHost.Infrastructure;

/// <summary>
/// The dashboard's fixed ports (from the launch profile) must be free before anything starts: otherwise the servers and
/// services come up behind a dashboard that never does. The usual cause is a second AppHost still running.
/// </summary>
public static class DashboardPorts
{
    private static readonly (string Key, string What)[] Settings =
    [
        ("ASPNETCORE_URLS", "the dashboard"),
        ("ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL", "the dashboard's telemetry (OTLP) endpoint"),
        ("ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL", "the dashboard's telemetry (OTLP/HTTP) endpoint"),
        ("ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL", "the dashboard's resource service"),
    ];

    /// <exception cref="InfrastructureProblem">One of them is taken.</exception>
    public static void EnsureFree(IConfiguration configuration)
    {
        foreach (var (key, what) in Settings)
        {
            foreach (var url in (configuration[key] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Port > 0 && uri.IsLoopback && !IsFree(uri.Port))
                {
                    throw new InfrastructureProblem(
                        $"port {uri.Port} ({what}, {key}={url}) is in use: stop the other AppHost or program that holds it " +
                        "(ss -ltnp shows which), or give another port in AppHost/Properties/launchSettings.json.");
                }
            }
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
