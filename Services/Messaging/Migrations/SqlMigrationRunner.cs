using DbUp;
using DbUp.Postgresql;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Commerce.Messaging.Migrations;

/// <summary>
/// Brings the schema up to date at start-up with DbUp, which journals each applied script in <c>schemaversions</c>.
/// Runs as a hosted service so the web server only starts listening on an up-to-date schema.
/// </summary>
internal sealed partial class SqlMigrationRunner(
    NpgsqlDataSource dataSource,
    IEnumerable<SqlMigrations> migrations,
    TimeProvider timeProvider,
    ILogger<SqlMigrationRunner> logger) : IHostedService
{
    // Several replicas may start at once; one migrates while the others wait on this session-level advisory lock.
    private const long MigrationLockKey = 0x436F6D6D_65726365; // "Commerce"
    private static readonly TimeSpan MaxWaitForDatabase = TimeSpan.FromMinutes(2);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var lockConnection = await OpenWhenReachableAsync(cancellationToken);
        await ExecuteAsync(lockConnection, $"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
        try
        {
            var upgrade = DeployChanges.To
                .PostgresqlDatabase(new PostgresqlConnectionManager(dataSource))
                .WithScriptsEmbeddedInAssemblies(
                    migrations.Select(migration => migration.ScriptsAssembly).Distinct().ToArray(),
                    name => name.EndsWith(".sql", StringComparison.Ordinal))
                .WithTransactionPerScript()
                .LogTo(logger)
                .Build();

            // DbUp is synchronous; keep it off the thread that is starting the host.
            var result = await Task.Run(upgrade.PerformUpgrade, cancellationToken);
            if (!result.Successful)
            {
                throw new InvalidOperationException($"Migration {result.ErrorScript?.Name} failed.", result.Error);
            }

            LogMigrated(result.Scripts.Count());
        }
        finally
        {
            // Unlock explicitly: closing a pooled connection does not end its session, so the lock would outlive it.
            await ExecuteAsync(lockConnection, $"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>In a fresh environment the database may come up after the service; wait for it instead of crashing.</summary>
    private async Task<NpgsqlConnection> OpenWhenReachableAsync(CancellationToken cancellationToken)
    {
        var deadline = timeProvider.GetUtcNow() + MaxWaitForDatabase;
        var delay = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            try
            {
                return await dataSource.OpenConnectionAsync(cancellationToken);
            }
            catch (NpgsqlException exception) when (exception.IsTransient && timeProvider.GetUtcNow() < deadline)
            {
                LogDatabaseUnreachable(delay, exception.Message);
                await Task.Delay(delay, timeProvider, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database schema is up to date ({Applied} new scripts applied)")]
    private partial void LogMigrated(int applied);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database not reachable yet, retrying in {Delay}: {Reason}")]
    private partial void LogDatabaseUnreachable(TimeSpan delay, string reason);
}
