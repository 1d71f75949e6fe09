using Commerce.Inventory.Api.Domain;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Commerce.Inventory.Api.Data;

public sealed class InventoryOptions
{
    /// <summary>Seed stock for the demo catalog at start-up (on by default; products that already have stock are kept as they are).</summary>
    public bool SeedDemoStock { get; set; } = true;
}

/// <summary>
/// Inserts the demo catalog's opening stock (<see cref="DemoStock"/>) at start-up, after the migrations. Idempotent:
/// rows that exist are left alone, so a restart neither resets what was sold nor frees what is reserved.
/// </summary>
public sealed partial class DemoStockSeeder(NpgsqlDataSource dataSource, IOptions<InventoryOptions> options, ILogger<DemoStockSeeder> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.SeedDemoStock)
        {
            return;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var levels = DemoStock.Levels;
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO stock (product_id, on_hand)
            SELECT * FROM unnest(@ProductIds, @OnHand)
            ON CONFLICT (product_id) DO NOTHING
            """,
            new
            {
                ProductIds = levels.Select(level => level.ProductId).ToArray(),
                OnHand = levels.Select(level => level.OnHand).ToArray(),
            },
            cancellationToken: cancellationToken));
        LogSeeded(inserted, levels.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo stock seeded: {Inserted} of {Total} products were new")]
    private partial void LogSeeded(int inserted, int total);
}
