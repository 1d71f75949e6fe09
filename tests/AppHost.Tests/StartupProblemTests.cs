using System.Net;
using System.Net.Sockets;

namespace Commerce.AppHost.Tests;

/// <summary>A wrong setting stops the AppHost before anything starts, with one line naming the problem and the fix.</summary>
public sealed class StartupProblemTests
{
    [Fact]
    public async Task An_unknown_infrastructure_mode_is_refused_in_one_line_naming_the_setting_and_its_values()
    {
        var outcome = await AppHostProcess.RunAsync(["--Commerce:Infrastructure=sometimes"]);

        Assert.Equal(1, outcome.ExitCode);
        var line = Assert.Single(outcome.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Commerce:Infrastructure is 'sometimes'", line, StringComparison.Ordinal);
        Assert.Contains("auto, containers or local", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", outcome.Output + outcome.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dashboard_port_in_use_is_refused_in_one_line_naming_the_port()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;

        var outcome = await AppHostProcess.RunAsync([], new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://localhost:{port}",
            ["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = "http://localhost:0",
            ["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true",
            ["Commerce__Infrastructure"] = "local",
        });

        Assert.Equal(1, outcome.ExitCode);
        var line = Assert.Single(outcome.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"port {port} (the dashboard", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", outcome.Output + outcome.Errors, StringComparison.Ordinal);
    }
}
