using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.OperatorService.V1;
using Temporalio.Client;
using Temporalio.Exceptions;

namespace Commerce.Testing.Temporal;

/// <summary>
/// A real Temporal server, so tests written for <see cref="TemporalTestServer"/> also run as a parity check: the one
/// <c>TEMPORAL_ADDRESS</c> names (namespace <c>TEMPORAL_NAMESPACE</c>, else <c>default</c>), or else a dev server started
/// from the <c>temporal</c> CLI on PATH (<c>temporal server start-dev</c>, in memory, on a free loopback port), stopped
/// on dispose. Where neither exists there is none, and the tests that need one are skipped with <see cref="NotAvailable"/>.
/// </summary>
public sealed class RealTemporalServer : IAsyncDisposable
{
    /// <summary>The one line a test run on a real server is skipped with where there is none.</summary>
    public const string NotAvailable = "No real Temporal server: TEMPORAL_ADDRESS is not set and no temporal CLI is on PATH.";

    private const string DefaultNamespace = "default";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(200);

    private readonly Process? _devServer;

    private RealTemporalServer(string address, string @namespace, Process? devServer)
    {
        Address = address;
        Namespace = @namespace;
        _devServer = devServer;
    }

    /// <summary><c>host:port</c> of the server's frontend.</summary>
    public string Address { get; }

    public string Namespace { get; }

    /// <summary>
    /// The real server, with <paramref name="searchAttributes"/> registered (a dev server is started with them; on the
    /// server <c>TEMPORAL_ADDRESS</c> names they are added through the OperatorService, where already existing with the
    /// same type is fine); null where there is no real server (say <see cref="NotAvailable"/>).
    /// </summary>
    public static async Task<RealTemporalServer?> FindAsync(
        IReadOnlyDictionary<string, IndexedValueType>? searchAttributes = null, CancellationToken cancellationToken = default)
    {
        searchAttributes ??= new Dictionary<string, IndexedValueType>();
        if (Environment.GetEnvironmentVariable("TEMPORAL_ADDRESS") is { Length: > 0 } address)
        {
            var @namespace = Environment.GetEnvironmentVariable("TEMPORAL_NAMESPACE") is { Length: > 0 } named ? named : DefaultNamespace;
            var server = new RealTemporalServer(address, @namespace, devServer: null);
            var client = await server.ConnectAsync().ConfigureAwait(false);
            await RegisterAsync(client, searchAttributes, cancellationToken).ConfigureAwait(false);
            return server;
        }
        return FindOnPath("temporal") is { } cli
            ? await StartDevServerAsync(cli, searchAttributes, cancellationToken).ConfigureAwait(false)
            : null;
    }

    public Task<TemporalClient> ConnectAsync() =>
        TemporalClient.ConnectAsync(new TemporalClientConnectOptions(Address) { Namespace = Namespace });

    /// <summary>The CLI's arguments for a headless, in-memory dev server on <paramref name="port"/> that knows the attributes.</summary>
    internal static IReadOnlyList<string> DevServerArguments(int port, IReadOnlyDictionary<string, IndexedValueType> searchAttributes) =>
    [
        "server", "start-dev", "--headless", "--ip", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture),
        "--log-level", "error",
        .. searchAttributes.OrderBy(a => a.Key, StringComparer.Ordinal).SelectMany(a => new[] { "--search-attribute", $"{a.Key}={a.Value}" }),
    ];

    private static async Task<RealTemporalServer> StartDevServerAsync(
        string cli, IReadOnlyDictionary<string, IndexedValueType> searchAttributes, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var start = new ProcessStartInfo(cli) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in DevServerArguments(port, searchAttributes))
        {
            start.ArgumentList.Add(argument);
        }
        var output = new StringBuilder();
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{cli} did not start.");
        process.OutputDataReceived += (_, line) => Remember(output, line.Data);
        process.ErrorDataReceived += (_, line) => Remember(output, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RealTemporalServer($"127.0.0.1:{port}", DefaultNamespace, process);
        try
        {
            await server.WaitUntilServingAsync(searchAttributes, output, cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Waits for the port, then for the namespace and the attributes: the frontend listens before it serves.</summary>
    private async Task WaitUntilServingAsync(
        IReadOnlyDictionary<string, IndexedValueType> searchAttributes, StringBuilder output, CancellationToken cancellationToken)
    {
        var giveUp = DateTime.UtcNow + StartTimeout;
        var port = int.Parse(Address.Split(':')[1], CultureInfo.InvariantCulture);
        while (true)
        {
            if (_devServer!.HasExited || DateTime.UtcNow > giveUp)
            {
                string said;
                lock (output)
                {
                    said = output.ToString();
                }
                throw new InvalidOperationException(_devServer.HasExited
                    ? $"temporal server start-dev exited with {_devServer.ExitCode}: {said}"
                    : $"temporal server start-dev did not serve on {Address} within {StartTimeout.TotalSeconds} s: {said}");
            }
            try
            {
                using (var probe = new TcpClient())
                {
                    await probe.ConnectAsync(IPAddress.Loopback, port, cancellationToken).ConfigureAwait(false);
                }
                var client = await ConnectAsync().ConfigureAwait(false);
                await client.Connection.WorkflowService.DescribeNamespaceAsync(new() { Namespace = Namespace }).ConfigureAwait(false);
                await AssertRegisteredAsync(client, searchAttributes).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is SocketException or RpcException or InvalidOperationException)
            {
                await Task.Delay(ProbeInterval, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>One attribute per call: a real server refuses the whole request when any one of them exists already.</summary>
    private static async Task RegisterAsync(
        TemporalClient client, IReadOnlyDictionary<string, IndexedValueType> searchAttributes, CancellationToken cancellationToken)
    {
        foreach (var (name, type) in searchAttributes)
        {
            try
            {
                await client.Connection.OperatorService.AddSearchAttributesAsync(new AddSearchAttributesRequest
                {
                    Namespace = client.Options.Namespace,
                    SearchAttributes = { [name] = type },
                }).ConfigureAwait(false);
            }
            catch (RpcException e) when (e.Code == RpcException.StatusCode.AlreadyExists)
            {
                // Registered by an earlier run; its type is checked below.
            }
        }
        var giveUp = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            try
            {
                await AssertRegisteredAsync(client, searchAttributes).ConfigureAwait(false);
                return;
            }
            catch (InvalidOperationException) when (DateTime.UtcNow < giveUp)
            {
                await Task.Delay(ProbeInterval, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static async Task AssertRegisteredAsync(TemporalClient client, IReadOnlyDictionary<string, IndexedValueType> searchAttributes)
    {
        var listed = await client.Connection.OperatorService.ListSearchAttributesAsync(
            new ListSearchAttributesRequest { Namespace = client.Options.Namespace }).ConfigureAwait(false);
        foreach (var (name, type) in searchAttributes)
        {
            if (!listed.CustomAttributes.TryGetValue(name, out var registered) || registered != type)
            {
                throw new InvalidOperationException(
                    $"Search attribute {name} is {(listed.CustomAttributes.ContainsKey(name) ? registered.ToString() : "not registered")} on {client.Connection.Options.TargetHost}, not {type}.");
            }
        }
    }

    private static void Remember(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);

    /// <summary>Stops the dev server this started, if any; a server <c>TEMPORAL_ADDRESS</c> names is left as it is.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_devServer is null)
        {
            return;
        }
        if (!_devServer.HasExited)
        {
            _devServer.Kill(entireProcessTree: true);
            await _devServer.WaitForExitAsync().ConfigureAwait(false);
        }
        _devServer.Dispose();
    }
}
