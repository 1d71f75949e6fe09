using Commerce.Messaging.Outbox;
using Commerce.Probe.Contracts;
using Commerce.Testing;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Commerce.Messaging.Tests;

/// <summary>
/// A service made of nothing but messaging: its own database, the outbox dispatcher and a consumer of the probe
/// events, on a real PostgreSQL and a real RabbitMQ. Several hosts on one database stand for replicas.
/// </summary>
public sealed class MessagingHost : IAsyncDisposable
{
    private readonly IHost _host;

    private MessagingHost(IHost host, string database)
    {
        _host = host;
        Database = database;
    }

    public string Database { get; }

    public IServiceProvider Services => _host.Services;

    public static async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken) =>
        await (await PostgresServer.SharedAsync(cancellationToken)).CreateDatabaseAsync("messaging", cancellationToken);

    /// <param name="consume">Whether it consumes the probe events; then starting waits until its queue is consumed,
    /// unless <paramref name="brokerIsDown"/> says there is no broker to consume from yet, or a closed
    /// <paramref name="gate"/> holds the consumer back.</param>
    public static async Task<MessagingHost> StartAsync(
        string database, Uri broker, bool consume = true, Action<MessagingOptions>? configure = null, bool brokerIsDown = false,
        ConsumerGate? gate = null, CancellationToken cancellationToken = default)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddServiceDefaults();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:db"] = database,
            ["ConnectionStrings:eventbus"] = broker.ToString(),
        });
        builder.AddNpgsqlDataSource("db");
        builder.AddSqlMigrations(typeof(MessagingHost).Assembly);
        var messaging = builder.AddMessaging("probe");
        builder.Services.Configure<MessagingOptions>(options =>
        {
            options.RedeliveryDelay = TimeSpan.FromMilliseconds(20);
            configure?.Invoke(options);
        });
        if (consume)
        {
            messaging.AddHandler<ThingHappened, RecordThing>().AddHandler<PoisonArrived, FailOnPoison>();
        }

        if (gate is not null)
        {
            builder.Services.AddSingleton(gate);
            messaging.StartConsumingOnceOpen<ConsumerGate>();
        }

        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        if (consume && !brokerIsDown && gate is null)
        {
            await BrokerQueues.WaitForConsumerAsync(broker, "probe", cancellationToken);
        }

        return new MessagingHost(host, database);
    }

    /// <summary>Writes events through the outbox in one transaction, committed or rolled back.</summary>
    public async Task<IReadOnlyList<Guid>> EnqueueAsync<TEvent>(IEnumerable<TEvent> events, bool commit = true, CancellationToken cancellationToken = default)
        where TEvent : class
    {
        var outbox = Services.GetRequiredService<Outbox.Outbox>();
        await using var connection = await Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var ids = new List<Guid>();
        foreach (var integrationEvent in events)
        {
            ids.Add(await outbox.EnqueueAsync(integrationEvent, transaction, cancellationToken));
        }

        if (commit)
        {
            await transaction.CommitAsync(cancellationToken);
        }
        else
        {
            await transaction.RollbackAsync(cancellationToken);
        }

        return ids;
    }

    public async Task<T> QueryScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = new NpgsqlConnection(Database);
        return await connection.ExecuteScalarAsync<T>(sql, parameters) ?? throw new InvalidOperationException($"No value from {sql}");
    }

    /// <summary>Polls until <paramref name="sql"/> returns <paramref name="expected"/>, and returns what it last returned.</summary>
    public async Task<long> WaitForCountAsync(string sql, long expected, TimeSpan within, object? parameters = null)
    {
        var deadline = DateTime.UtcNow + within;
        long count;
        while ((count = await QueryScalarAsync<long>(sql, parameters)) != expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        return count;
    }

    /// <summary>
    /// Polls the broker's readiness check (what <c>/health</c> reports for it) until it says <paramref name="expected"/>,
    /// and returns what it last said.
    /// </summary>
    public async Task<HealthStatus> WaitForBrokerHealthAsync(HealthStatus expected, TimeSpan within)
    {
        var health = Services.GetRequiredService<HealthCheckService>();
        var deadline = DateTime.UtcNow + within;
        HealthStatus status;
        while ((status = (await health.CheckHealthAsync(check => check.Name == HealthProbe.BrokerCheck)).Status) != expected
            && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        return status;
    }

    public Task StopAsync() => _host.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
