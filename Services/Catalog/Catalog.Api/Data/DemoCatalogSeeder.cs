using Commerce.Catalog.Api.Domain;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Commerce.Catalog.Api.Data;

public sealed class CatalogOptions
{
    /// <summary>Seed the deterministic demo catalog at start-up (on by default; products already present are kept as they are).</summary>
    public bool SeedDemoCatalog { get; set; } = true;
}

/// <summary>
/// Inserts the demo catalog at start-up, after the migrations. Idempotent: rows that exist are left alone, so a
/// restart neither duplicates products nor undoes a price someone changed since.
/// </summary>
public sealed partial class DemoCatalogSeeder(NpgsqlDataSource dataSource, IOptions<CatalogOptions> options, ILogger<DemoCatalogSeeder> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.SeedDemoCatalog)
        {
            return;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var categories = DemoCatalog.Categories;
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO categories (id, slug, name)
            SELECT * FROM unnest(@Ids, @Slugs, @Names)
            ON CONFLICT (id) DO NOTHING
            """,
            new
            {
                Ids = categories.Select(c => c.Id).ToArray(),
                Slugs = categories.Select(c => c.Slug).ToArray(),
                Names = categories.Select(c => c.Name).ToArray(),
            },
            transaction,
            cancellationToken: cancellationToken));

        var products = DemoCatalog.Products;
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO products (id, sku, name, description, category_id, price, currency)
            SELECT id, sku, name, description, category_id, price, @Currency
            FROM unnest(@Ids, @Skus, @Names, @Descriptions, @CategoryIds, @Prices)
                AS seed (id, sku, name, description, category_id, price)
            ON CONFLICT DO NOTHING
            """,
            new
            {
                DemoCatalog.Currency,
                Ids = products.Select(p => p.Id).ToArray(),
                Skus = products.Select(p => p.Sku).ToArray(),
                Names = products.Select(p => p.Name).ToArray(),
                Descriptions = products.Select(p => p.Description).ToArray(),
                CategoryIds = products.Select(p => p.CategoryId).ToArray(),
                Prices = products.Select(p => p.Price).ToArray(),
            },
            transaction,
            cancellationToken: cancellationToken));

        // Explicit ids bypass the identity sequence; move it past them so products added later do not collide.
        await connection.ExecuteAsync(new CommandDefinition(
            "SELECT setval(pg_get_serial_sequence('products', 'id'), GREATEST((SELECT max(id) FROM products), 1))",
            transaction: transaction,
            cancellationToken: cancellationToken));

        await transaction.CommitAsync(cancellationToken);
        LogSeeded(inserted, products.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo catalog seeded: {Inserted} of {Total} products were new")]
    private partial void LogSeeded(int inserted, int total);
}
