using Npgsql;

namespace Commerce.Testing;

/// A PostgreSQL server for tests: the run's shared one, or a private throwaway cluster.
public sealed class PostgresServer : IAsyncDisposable
{
    // Names a running server for the whole test run (test.sh sets it), so test processes need not start their own.
    private const string EnvironmentVariable = "COMMERCE_TEST_POSTGRES";

    private static readonly Lazy<Task<PostgresServer>> _shared = new(StartSharedAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly PostgresCluster? _cluster;
    private readonly bool _isShared;
    private bool _disposed;

    private PostgresServer(string adminConnectionString, PostgresCluster? cluster, bool isShared)
    {
        AdminConnectionString = adminConnectionString;
        _cluster = cluster;
        _isShared = isShared;
    }

    /// A superuser connection string to the server's 'postgres' database.
    public string AdminConnectionString { get; }

    /// The run's server: the one named by env COMMERCE_TEST_POSTGRES, else one private cluster per test process,
    /// started on first use and removed when the process exits.
    public static Task<PostgresServer> SharedAsync(CancellationToken cancellationToken = default) =>
        _shared.Value.WaitAsync(cancellationToken);

    /// A private cluster from this machine's PostgreSQL server programs, on a free loopback port, removed on dispose.
    public static async Task<PostgresServer> StartPrivateAsync(CancellationToken cancellationToken = default)
    {
        var cluster = await PostgresCluster.StartNewAsync(cancellationToken);
        return new PostgresServer(cluster.AdminConnectionString, cluster, isShared: false);
    }

    /// Creates an empty database "&lt;prefix&gt;_&lt;8 random hex&gt;" and returns a connection string to it.
    public async Task<string> CreateDatabaseAsync(string prefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var name = TestNames.Unique(prefix, '_', maxLength: 63);

        // No pooling: after a StopAsync/StartAsync a pooled admin connection would be dead.
        var admin = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Pooling = false };
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    /// Stops the server fast, keeping its port and data directory for <see cref="StartAsync"/>. Private clusters only.
    public Task StopAsync(CancellationToken cancellationToken = default) => OwnCluster().StopAsync(cancellationToken);

    /// Starts a stopped private cluster again on the same port with the same data.
    public Task StartAsync(CancellationToken cancellationToken = default) => OwnCluster().StartAsync(cancellationToken);

    /// A private cluster is stopped and its directory deleted; the shared server lives until the process exits.
    public async ValueTask DisposeAsync()
    {
        if (_isShared || _disposed)
        {
            return;
        }

        _disposed = true;
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    private static async Task<PostgresServer> StartSharedAsync()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } connectionString)
        {
            return new PostgresServer(connectionString, cluster: null, isShared: true);
        }

        // Not the first caller's token: the server outlives that caller and serves every later one.
        var cluster = await PostgresCluster.StartNewAsync(CancellationToken.None);
        return new PostgresServer(cluster.AdminConnectionString, cluster, isShared: true);
    }

    private PostgresCluster OwnCluster() =>
        !_isShared && _cluster is not null
            ? _cluster
            : throw new InvalidOperationException(
                "Only a server from PostgresServer.StartPrivateAsync can be stopped and started: the shared one serves other tests at the same time.");
}
