using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Temporalio.Client;

namespace Commerce.Testing.Temporal.Tests;

/// <summary>Where a test's workflows run.</summary>
public enum ServerKind
{
    /// <summary>The in-process <see cref="TemporalTestServer"/>.</summary>
    InProcess,

    /// <summary>A real Temporal server: <c>TEMPORAL_ADDRESS</c>, or a dev server started from the <c>temporal</c> CLI.</summary>
    Real,
}

/// <summary>
/// The servers a test class runs its workflows on: the in-process one always; a real one where there is one, so the same
/// tests become a parity check. Without a real server those runs are skipped with the reason, never silently.
/// </summary>
public sealed class TemporalTargets : IAsyncLifetime
{
    private TemporalTestServer? _inProcess;
    private TemporalClient? _inProcessClient;
    private Process? _devServer;
    private TemporalClient? _realClient;
    private string? _realUnavailable;

    public async ValueTask InitializeAsync()
    {
        _inProcess = await TemporalTestServer.StartAsync(new TemporalTestServerOptions());
        _inProcessClient = await TemporalClient.ConnectAsync(new(_inProcess.Address));
    }

    /// <summary>A client of the given server; skips the test, saying why, when there is no real server.</summary>
    public async Task<TemporalClient> ClientAsync(ServerKind kind)
    {
        if (kind == ServerKind.InProcess)
        {
            return _inProcessClient ?? throw new InvalidOperationException("Initialize the targets first.");
        }
        if (_realClient is null && _realUnavailable is null)
        {
            await ConnectRealAsync();
        }
        if (_realUnavailable is not null)
        {
            Assert.Skip(_realUnavailable);
        }
        return _realClient!;
    }

    private async Task ConnectRealAsync()
    {
        var address = Environment.GetEnvironmentVariable("TEMPORAL_ADDRESS");
        if (string.IsNullOrEmpty(address))
        {
            var cli = FindOnPath("temporal");
            if (cli is null)
            {
                _realUnavailable = "No real Temporal server: TEMPORAL_ADDRESS is not set and no temporal CLI is on PATH.";
                return;
            }
            address = await StartDevServerAsync(cli);
        }
        _realClient = await TemporalClient.ConnectAsync(new(address));
    }

    private async Task<string> StartDevServerAsync(string cli)
    {
        var port = FreePort();
        var start = new ProcessStartInfo(cli)
        {
            ArgumentList = { "server", "start-dev", "--headless", "--ip", "127.0.0.1", "--port", $"{port}", "--log-level", "error" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _devServer = Process.Start(start) ?? throw new InvalidOperationException("The temporal CLI did not start.");
        _devServer.OutputDataReceived += (_, _) => { };
        _devServer.ErrorDataReceived += (_, _) => { };
        _devServer.BeginOutputReadLine();
        _devServer.BeginErrorReadLine();
        var address = $"127.0.0.1:{port}";
        var giveUp = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return address;
            }
            catch (SocketException) when (DateTime.UtcNow < giveUp && !_devServer.HasExited)
            {
                await Task.Delay(200);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);

    public async ValueTask DisposeAsync()
    {
        if (_inProcess is not null)
        {
            await _inProcess.DisposeAsync();
        }
        if (_devServer is { HasExited: false })
        {
            _devServer.Kill(entireProcessTree: true);
            await _devServer.WaitForExitAsync();
        }
        _devServer?.Dispose();
    }
}
