using System.Globalization;
using Npgsql;

namespace Commerce.Testing;

/// A throwaway PostgreSQL cluster: its own data directory under the temp dir and its own loopback port.
internal sealed class PostgresCluster : IAsyncDisposable
{
    private const string ServerUser = "postgres";
    private static readonly TimeSpan _commandTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan _startTimeout = TimeSpan.FromSeconds(60);

    private readonly string _binDirectory;
    private readonly string _directory;
    private IDisposable? _exitCleanup;

    private PostgresCluster(string binDirectory, string directory)
    {
        _binDirectory = binDirectory;
        _directory = directory;
    }

    public int Port { get; private set; }

    public string AdminConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = ServerUser,
        Database = "postgres",
    }.ConnectionString;

    private string DataDirectory => Path.Combine(_directory, "data");

    private string LogFile => Path.Combine(_directory, "postgres.log");

    /// initdb into a fresh temp dir, then start on a free port (another, if a concurrent process took that one first).
    public static async Task<PostgresCluster> StartNewAsync(CancellationToken cancellationToken)
    {
        var binDirectory = await PostgresBinaries.LocateAsync(cancellationToken);
        var cluster = new PostgresCluster(binDirectory, Directory.CreateTempSubdirectory("commerce-pg-").FullName);
        cluster._exitCleanup = ExitCleanup.Register(cluster.KillAndDelete, cluster.KillAndDeleteScript());
        try
        {
            if (Environment.IsPrivilegedProcess)
            {
                await ProcessRunner.RunAsync(new Command("chown", [ServerUser, cluster._directory]), _commandTimeout, cancellationToken);
            }

            // C locale and UTF8: the same sorting and encoding on every machine, whatever its LANG.
            await cluster.RunToolAsync("initdb", ["-D", cluster.DataDirectory, "-U", ServerUser, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"], cancellationToken);
            for (var attempt = 1; ; attempt++)
            {
                cluster.Port = LoopbackPorts.FindFree();
                try
                {
                    await cluster.StartAsync(cancellationToken);
                    return cluster;
                }
                catch (InvalidOperationException) when (attempt < 3 && LoopbackPorts.LostTheRace(ServerLog.Tail(cluster.LogFile)))
                {
                    File.Delete(cluster.LogFile);
                }
            }
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // fsync off: a test cluster is thrown away, and durability costs seconds per test on slow disks.
        // max_connections 300: every test database gets its own connection pool, and tests run in parallel.
        var options = string.Join(' ',
            $"-p {Port.ToString(CultureInfo.InvariantCulture)}",
            $"-k {Command.ShellQuote(_directory)}",
            "-c listen_addresses=127.0.0.1",
            "-c fsync=off",
            "-c max_connections=300");
        try
        {
            // -w waits until the server accepts connections (pg_ctl reads its readiness from postmaster.pid).
            await RunToolAsync("pg_ctl", ["start", "-w", "-t", _startTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture), "-D", DataDirectory, "-l", LogFile, "-o", options], cancellationToken);
        }
        catch (Exception exception) when (exception is InvalidOperationException or TimeoutException)
        {
            throw new InvalidOperationException($"PostgreSQL did not start on port {Port}: {exception.Message}\n{ServerLog.Tail(LogFile)}", exception);
        }
    }

    /// Stops fast (clients disconnected, a clean shutdown); a server that will not stop fast is stopped immediately.
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RunToolAsync("pg_ctl", ["stop", "-w", "-t", "20", "-m", "fast", "-D", DataDirectory], cancellationToken);
        }
        catch (Exception exception) when (exception is InvalidOperationException or TimeoutException)
        {
            await RunToolAsync("pg_ctl", ["stop", "-w", "-m", "immediate", "-D", DataDirectory], cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAndDeleteAsync();
        _exitCleanup?.Dispose();
    }

    private async Task KillAndDeleteAsync()
    {
        // pg_ctl status exits 0 only while a server runs; a stale postmaster.pid after a crash needs no stop.
        var status = await ProcessRunner.RunForExitCodeAsync(Tool("pg_ctl", ["status", "-D", DataDirectory]), _commandTimeout);
        if (status.ExitCode == 0)
        {
            await RunToolAsync("pg_ctl", ["stop", "-w", "-m", "immediate", "-D", DataDirectory], CancellationToken.None);
        }

        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    // Exit handlers are synchronous; nothing here waits on a synchronisation context.
    private void KillAndDelete() => KillAndDeleteAsync().GetAwaiter().GetResult();

    private string KillAndDeleteScript() =>
        Tool("pg_ctl", ["stop", "-m", "immediate", "-D", DataDirectory]).ToShellScript() + "; rm -rf " + Command.ShellQuote(_directory);

    private Task<string> RunToolAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        ProcessRunner.RunAsync(Tool(tool, arguments), _commandTimeout, cancellationToken);

    // The working directory is one the server user may enter: runuser keeps ours, and PostgreSQL tools complain about /root.
    private Command Tool(string tool, IReadOnlyList<string> arguments) =>
        new Command(Path.Combine(_binDirectory, tool), arguments) { WorkingDirectory = _directory }.AsUserWhenRoot(ServerUser);
}
