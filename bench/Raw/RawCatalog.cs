using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Npgsql;

namespace Commerce.Bench.Raw;

/// <summary>
/// Catalog's two reads with nothing around them: Kestrel, one NpgsqlDataSource, Dapper and System.Text.Json. It reads
/// the very database the Catalog service seeded, with the SQL of Catalog's ProductStore: a keyset page of 20 by
/// (name, id), asking for one row more to know whether another page follows, and one product by id. No validation,
/// cursor encoding, ProblemDetails, telemetry, health checks or service defaults.
/// </summary>
public sealed class RawCatalog : IAsyncDisposable
{
    public const int PageSize = 20;

    private const string Columns = """
        p.id, p.sku, p.name, p.description, p.category_id AS CategoryId, c.name AS CategoryName,
        p.price, p.currency, p.created_at AS CreatedAt, p.updated_at AS UpdatedAt
        """;

    private readonly WebApplication _app;
    private readonly NpgsqlDataSource _dataSource;

    private RawCatalog(WebApplication app, NpgsqlDataSource dataSource)
    {
        _app = app;
        _dataSource = dataSource;
    }

    public Uri Address => RawKestrel.AddressOf(_app);

    /// <summary>
    /// <c>GET /products?afterName=&amp;afterId=</c> (a page; <c>next</c> names where the following one starts) and
    /// <c>GET /products/{id}</c>.
    /// </summary>
    public static async Task<RawCatalog> StartAsync(string connectionString)
    {
        var app = RawKestrel.Build();
        var dataSource = NpgsqlDataSource.Create(connectionString);
        app.MapGet("/products", async (string? afterName, int? afterId, CancellationToken cancellationToken) =>
        {
            var after = afterName is not null && afterId is not null;
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            var rows = (await connection.QueryAsync<RawProduct>(new CommandDefinition(
                $"""
                SELECT {Columns}
                FROM products p JOIN categories c ON c.id = p.category_id
                WHERE TRUE {(after ? "AND (p.name, p.id) > (@afterName, @afterId)" : "")}
                ORDER BY p.name, p.id
                LIMIT @limit
                """,
                new { afterName, afterId, limit = PageSize + 1 },
                cancellationToken: cancellationToken))).AsList();
            var page = rows.Count > PageSize ? rows.GetRange(0, PageSize) : rows;
            var next = rows.Count > PageSize ? new RawCursor(page[^1].Name, page[^1].Id) : null;
            return Results.Json(new RawPage(page, next));
        });
        app.MapGet("/products/{id:int}", async (int id, CancellationToken cancellationToken) =>
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            var product = await connection.QuerySingleOrDefaultAsync<RawProduct>(new CommandDefinition(
                $"""
                SELECT {Columns}
                FROM products p JOIN categories c ON c.id = p.category_id
                WHERE p.id = @id
                """,
                new { id },
                cancellationToken: cancellationToken));
            return product is null ? Results.NotFound() : Results.Json(product);
        });

        await app.StartAsync();
        return new RawCatalog(app, dataSource);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _dataSource.DisposeAsync();
    }
}

public sealed record RawPage(IReadOnlyList<RawProduct> Products, RawCursor? Next);

public sealed record RawCursor(string AfterName, int AfterId);

/// <summary>A row as Dapper reads it, written out as JSON as it is.</summary>
public sealed class RawProduct
{
    public int Id { get; init; }
    public string Sku { get; init; } = "";
    public string Name { get; init; } = "";
    public string Description { get; init; } = "";
    public int CategoryId { get; init; }
    public string CategoryName { get; init; } = "";
    public decimal Price { get; init; }
    public string Currency { get; init; } = "";
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
}
