using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;

namespace Commerce.Testing;

/// A throwaway RabbitMQ node: its own name, Erlang cookie, ports (AMQP, management, distribution, epmd) and data
/// under a temp dir, so it never meets a system broker or another test's node.
internal sealed class RabbitMqNode : IAsyncDisposable
{
    private static readonly TimeSpan _startTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan _commandTimeout = TimeSpan.FromSeconds(60);

    private readonly RabbitMqPrograms _programs;
    private readonly string _directory;
    private readonly string _nodeName = "commerce-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)) + "@localhost";
    private readonly int _distributionPort;
    private readonly int _epmdPort;
    private readonly IDisposable _exitCleanup;
    private Process? _server;

    private RabbitMqNode(RabbitMqPrograms programs)
    {
        _programs = programs;
        _directory = Directory.CreateTempSubdirectory("commerce-rabbitmq-").FullName;
        var ports = LoopbackPorts.FindFree(4);
        (AmqpPort, ManagementPort, _distributionPort, _epmdPort) = (ports[0], ports[1], ports[2], ports[3]);
        WriteConfiguration();
        _exitCleanup = ExitCleanup.Register(KillAndDelete, KillAndDeleteScript());
    }

    public int AmqpPort { get; }

    public int ManagementPort { get; }

    private string PidFile => Path.Combine(_directory, "rabbitmq.pid");

    private string ServerLogFile => Path.Combine(_directory, "server.log");

    /// Starts a node on free ports; on new ones if a concurrent process took one of them first.
    public static async Task<RabbitMqNode> StartNewAsync(CancellationToken cancellationToken)
    {
        var programs = RabbitMqPrograms.Locate();
        for (var attempt = 1; ; attempt++)
        {
            var node = new RabbitMqNode(programs);
            try
            {
                await node.StartAsync(cancellationToken);
                return node;
            }
            catch (InvalidOperationException) when (attempt < 3 && LoopbackPorts.LostTheRace(node.Logs()))
            {
                await node.DisposeAsync();
            }
            catch
            {
                await node.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>
    /// <c>rabbitmqctl wait</c> on the node's pid file. The node creates that file before it writes the pid into it, and
    /// a <c>wait</c> that reads it in between gives up at once (<c>garbage_in_pid_file</c>): then it is simply asked again.
    /// </summary>
    private async Task WaitUntilRunningAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ProcessRunner.RunAsync(
                    Erlang(_programs.Ctl, ["wait", PidFile, "--timeout", Text((int)_startTimeout.TotalSeconds)]),
                    _startTimeout + TimeSpan.FromSeconds(10),
                    cancellationToken);
                return;
            }
            catch (InvalidOperationException exception) when (attempt < 5 && exception.Message.Contains("garbage_in_pid_file", StringComparison.Ordinal))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            }
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // epmd is started here, on the node's own port, rather than by the node: then we know it is ours to stop.
        // -relaxed_command_check lets `epmd -kill` stop it even if a killed node is still registered.
        await ProcessRunner.RunAsync(
            Erlang(_programs.Epmd, ["-port", Text(_epmdPort), "-address", "127.0.0.1", "-daemon", "-relaxed_command_check"]).LoggingTo(Path.Combine(_directory, "epmd.log")),
            _commandTimeout,
            cancellationToken);
        _server?.Dispose();
        File.Delete(PidFile); // a killed node leaves it behind, and `wait` below would take it for the new node's
        _server = ProcessRunner.StartInBackground(Erlang(_programs.Server, []), ServerLogFile);

        // `rabbitmqctl wait` returns once the broker and its plugins run (`ping` answers earlier, before AMQP is up).
        // It waits for a pid file the node writes only if it gets that far, so the node's own exit is watched too.
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var ready = WaitUntilRunningAsync(giveUp.Token);
        var exited = _server.WaitForExitAsync(cancellationToken);
        if (await Task.WhenAny(ready, exited) == exited)
        {
            await giveUp.CancelAsync();
            await ((Task)ready).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing); // cancelled just above
            cancellationToken.ThrowIfCancellationRequested();
            throw new InvalidOperationException($"RabbitMQ node {_nodeName} exited with code {_server.ExitCode} while starting.\n{Logs()}");
        }

        try
        {
            await ready;
        }
        catch (Exception exception) when (exception is InvalidOperationException or TimeoutException)
        {
            throw new InvalidOperationException($"RabbitMQ node {_nodeName} did not start: {exception.Message}\n{Logs()}", exception);
        }
    }

    /// Stops the node cleanly (messages and definitions kept on disk for <see cref="StartAsync"/>) and its epmd,
    /// so all its ports are free.
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is { HasExited: false } server)
        {
            try
            {
                // `shutdown` waits for the node's OS process to exit, unlike `stop`.
                await ProcessRunner.RunAsync(Erlang(_programs.Ctl, ["shutdown"]), _commandTimeout, cancellationToken);
            }
            catch (Exception exception) when (exception is InvalidOperationException or TimeoutException)
            {
                // A node that cannot shut down cleanly is killed, as pg_ctl's immediate mode would: the caller wants it down.
                server.Kill(entireProcessTree: true);
            }

            await server.WaitForExitAsync(cancellationToken);
        }

        await StopEpmdAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAndDeleteAsync();
        _exitCleanup.Dispose();
    }

    private async Task KillAndDeleteAsync()
    {
        if (_server is { HasExited: false } server)
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }

        _server?.Dispose();
        await StopEpmdAsync();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    // Exit handlers are synchronous; nothing here waits on a synchronisation context.
    private void KillAndDelete() => KillAndDeleteAsync().GetAwaiter().GetResult();

    private string KillAndDeleteScript() =>
        $"kill -9 \"$(cat {Command.ShellQuote(PidFile)})\"; "
        + Erlang(_programs.Epmd, ["-port", Text(_epmdPort), "-kill"]).ToShellScript()
        + "; rm -rf " + Command.ShellQuote(_directory);

    private async Task StopEpmdAsync()
    {
        var (exitCode, output) = await ProcessRunner.RunForExitCodeAsync(Erlang(_programs.Epmd, ["-port", Text(_epmdPort), "-kill"]), _commandTimeout);
        if (exitCode != 0 && !output.Contains("Cannot connect to local epmd", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Could not stop epmd on port {_epmdPort}: {output}");
        }
    }

    private void WriteConfiguration()
    {
        File.WriteAllText(Path.Combine(_directory, "rabbitmq.conf"), $"""
            listeners.tcp.1 = 127.0.0.1:{Text(AmqpPort)}
            management.tcp.ip = 127.0.0.1
            management.tcp.port = {Text(ManagementPort)}

            """);
        File.WriteAllText(Path.Combine(_directory, "enabled_plugins"), "[rabbitmq_management].\n");
        File.WriteAllText(Path.Combine(_directory, "rabbitmq-env.conf"), "");
    }

    /// Every RabbitMQ and Erlang program of this node runs with this environment, so server and CLI agree on the
    /// node, cookie (in HOME) and epmd, and nothing from /etc/rabbitmq applies.
    private Command Erlang(string program, IReadOnlyList<string> arguments) => new(program, arguments)
    {
        WorkingDirectory = _directory,
        Environment = new Dictionary<string, string>
        {
            ["HOME"] = _directory,
            ["RABBITMQ_NODENAME"] = _nodeName,
            ["RABBITMQ_DIST_PORT"] = Text(_distributionPort),
            ["ERL_EPMD_PORT"] = Text(_epmdPort),
            ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(_directory, "rabbitmq-env.conf"),
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(_directory, "rabbitmq.conf"),
            ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(_directory, "advanced.config"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(_directory, "enabled_plugins"),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(_directory, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(_directory, "log"),
            ["RABBITMQ_PID_FILE"] = PidFile,
            ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}",

            // The CLI's own distribution port: any free one, not the fixed 35672-35682 that parallel test processes share.
            ["RABBITMQ_CTL_DIST_PORT_MIN"] = "0",
            ["RABBITMQ_CTL_DIST_PORT_MAX"] = "0",
        },
    };

    private string Logs() =>
        ServerLog.Tail(ServerLogFile) + "\n" + ServerLog.Tail(Path.Combine(_directory, "log", _nodeName + ".log"));

    private static string Text(int number) => number.ToString(CultureInfo.InvariantCulture);
}
