using Commerce.Inventory.Contracts;
using Commerce.Testing;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Refit;

namespace Commerce.Inventory.Tests;

/// <summary>A product's stock row as the database holds it.</summary>
public sealed record StockRow(int OnHand, int Reserved);

/// <summary>
/// The real Inventory service in-process, on its own fresh database in a real PostgreSQL server and its own virtual
/// host on a real RabbitMQ broker: the run's shared servers unless a test hands in private ones (to stop and start
/// them without disturbing anyone else).
/// </summary>
public sealed class InventoryApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    // Above the demo catalog's ids (1–240), so stock a test makes for itself never meets the seeded stock.
    private int _lastProductId = 10_000;
    private string? _connectionString;
    private Uri? _virtualHost;

    /// <summary>The server to create the database on; the run's shared one when not set.</summary>
    public PostgresServer? Postgres { get; init; }

    /// <summary>The broker to create the virtual host on; the run's shared one when not set.</summary>
    public RabbitMqServer? RabbitMq { get; init; }

    /// <summary>The host environment; Production (terse health report) unless a test wants another.</summary>
    public string EnvironmentName { get; init; } = Environments.Production;

    public bool SeedDemoStock { get; init; } = true;

    /// <summary>The inventory database: given (to start again on an existing one), or made by <see cref="InitializeAsync"/>.</summary>
    public string ConnectionString
    {
        get => _connectionString ?? throw new InvalidOperationException("Initialize the factory first.");
        init => _connectionString = value;
    }

    /// <summary>The amqp URI of the service's virtual host: given, or made by <see cref="InitializeAsync"/>.</summary>
    public Uri VirtualHost
    {
        get => _virtualHost ?? throw new InvalidOperationException("Initialize the factory first.");
        init => _virtualHost = value;
    }

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        if (_connectionString is null)
        {
            var postgres = Postgres ?? await PostgresServer.SharedAsync(cancellationToken);
            _connectionString = await postgres.CreateDatabaseAsync("inventory", cancellationToken);
        }

        if (_virtualHost is null)
        {
            var rabbitMq = RabbitMq ?? await RabbitMqServer.SharedAsync(cancellationToken);
            _virtualHost = await rabbitMq.CreateVirtualHostAsync("inventory", cancellationToken);
        }

        // Starting the host here runs the migrations and the seeder before the first test asks for anything.
        _ = Server;
    }

    public IInventoryApi CreateInventoryClient() => RestService.For<IInventoryApi>(CreateClient());

    /// <summary>Stocks a product of the test's own, with <paramref name="onHand"/> units, straight in the database.</summary>
    public async Task<int> StockProductAsync(int onHand, CancellationToken cancellationToken)
    {
        var productId = Interlocked.Increment(ref _lastProductId);
        await ExecuteAsync("INSERT INTO stock (product_id, on_hand) VALUES (@productId, @onHand)", new { productId, onHand }, cancellationToken);
        return productId;
    }

    public async Task<StockRow> ReadStockAsync(int productId, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        return await connection.QuerySingleAsync<StockRow>(new CommandDefinition(
            "SELECT on_hand AS OnHand, reserved AS Reserved FROM stock WHERE product_id = @productId",
            new { productId },
            cancellationToken: cancellationToken));
    }

    public async Task<int> ExecuteAsync(string sql, object? parameters, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        return await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
    }

    public async Task<T> QuerySingleAsync<T>(string sql, object? parameters, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        return await connection.QuerySingleAsync<T>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("ConnectionStrings:inventorydb", ConnectionString);
        builder.UseSetting("ConnectionStrings:eventbus", VirtualHost.ToString());
        builder.UseSetting("Inventory:SeedDemoStock", SeedDemoStock ? "true" : "false");
        // A setting rather than SetMinimumLevel: appsettings.json's LogLevel:Default would override the latter.
        builder.UseSetting("Logging:LogLevel:Default", nameof(LogLevel.Warning));
    }
}
