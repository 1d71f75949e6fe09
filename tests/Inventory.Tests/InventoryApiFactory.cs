using Commerce.Inventory.Contracts;
using Commerce.Testing;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Npgsql;
using Refit;

namespace Commerce.Inventory.Tests;

/// <summary>A product's stock row as the database holds it.</summary>
public sealed record StockRow(int OnHand, int Reserved);

/// <summary>The real Inventory service in-process (<see cref="ServiceFactory{TEntryPoint}"/>).</summary>
public sealed class InventoryApiFactory() : ServiceFactory<Program>("inventory")
{
    // Above the demo catalog's ids (1–240), so stock a test makes for itself never meets the seeded stock.
    private int _lastProductId = 10_000;

    public bool SeedDemoStock { get; init; } = true;

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

    protected override void ConfigureService(IWebHostBuilder builder) =>
        builder.UseSetting("Inventory:SeedDemoStock", SeedDemoStock ? "true" : "false");
}
