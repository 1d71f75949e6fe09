using Commerce.Shipping.Contracts;
using Commerce.Testing;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Refit;

namespace Commerce.Shipping.Tests;

/// <summary>
/// The real Shipping service in-process, on its own fresh database in a real PostgreSQL server and its own virtual
/// host on a real RabbitMQ broker: the run's shared servers unless a test hands in private ones (to stop and start
/// them without disturbing anyone else).
/// </summary>
public sealed class ShippingApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private string? _connectionString;
    private Uri? _virtualHost;

    /// <summary>The server to create the database on; the run's shared one when not set.</summary>
    public PostgresServer? Postgres { get; init; }

    /// <summary>The broker to create the virtual host on; the run's shared one when not set.</summary>
    public RabbitMqServer? RabbitMq { get; init; }

    /// <summary>The host environment: Production (terse health report) unless a test wants another.</summary>
    public string EnvironmentName { get; init; } = Environments.Production;

    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("Initialize the factory first.");

    /// <summary>The amqp URI of the service's own virtual host, for a <see cref="BrokerProbe"/>.</summary>
    public Uri VirtualHost => _virtualHost ?? throw new InvalidOperationException("Initialize the factory first.");

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var postgres = Postgres ?? await PostgresServer.SharedAsync(cancellationToken);
        _connectionString = await postgres.CreateDatabaseAsync("shipping", cancellationToken);
        var rabbitMq = RabbitMq ?? await RabbitMqServer.SharedAsync(cancellationToken);
        _virtualHost = await rabbitMq.CreateVirtualHostAsync("shipping", cancellationToken);

        // Starting the host here runs the migrations before the first test asks for anything.
        _ = Server;
    }

    public IShippingApi CreateShippingClient() => RestService.For<IShippingApi>(CreateClient());

    /// <summary>How many rows of the order are in each table that holds shipment state: what "nothing written" means.</summary>
    public async Task<(long Shipments, long Lines, long Tombstones)> CountRowsAsync(Guid orderId, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        return await connection.QuerySingleAsync<(long, long, long)>(new CommandDefinition(
            """
            SELECT (SELECT count(*) FROM shipments WHERE order_id = @orderId),
                   (SELECT count(*) FROM shipment_lines WHERE order_id = @orderId),
                   (SELECT count(*) FROM shipment_tombstones WHERE order_id = @orderId)
            """,
            new { orderId },
            cancellationToken: cancellationToken));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("ConnectionStrings:shippingdb", ConnectionString);
        builder.UseSetting("ConnectionStrings:eventbus", VirtualHost.ToString());
        // A setting rather than SetMinimumLevel: appsettings.json's LogLevel:Default would override the latter.
        builder.UseSetting("Logging:LogLevel:Default", nameof(LogLevel.Warning));
    }
}
