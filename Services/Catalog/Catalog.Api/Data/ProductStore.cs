using Commerce.Catalog.Api.Domain;
using Commerce.Catalog.Contracts;
using Commerce.Messaging.Outbox;
using Dapper;
using Npgsql;

namespace Commerce.Catalog.Api.Data;

/// <summary>Which products a listing covers: all, one category, and/or those matching a full-text search.</summary>
public sealed record ProductFilter(int? CategoryId, string? Search);

/// <summary>Reads and writes products. Every listing is keyset-paged: no OFFSET, no COUNT, constant cost per page.</summary>
public sealed class ProductStore(NpgsqlDataSource dataSource, Outbox outbox)
{
    private const string Columns = """
        p.id, p.sku, p.name, p.description, p.category_id AS CategoryId, c.name AS CategoryName,
        p.price, p.currency, p.created_at AS CreatedAt, p.updated_at AS UpdatedAt
        """;

    public async Task<ProductPage> ListAsync(ProductFilter filter, ProductCursor? after, int pageSize, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(new { filter.CategoryId, Search = filter.Search, Limit = pageSize + 1 });
        var inCategory = filter.CategoryId is null ? "" : "AND p.category_id = @CategoryId";
        string sql;
        if (filter.Search is null)
        {
            parameters.AddDynamicParams(new { AfterName = after?.AfterName, AfterId = after?.AfterId });
            sql = $"""
                SELECT {Columns}
                FROM products p JOIN categories c ON c.id = p.category_id
                WHERE TRUE {inCategory} {(after is null ? "" : "AND (p.name, p.id) > (@AfterName, @AfterId)")}
                ORDER BY p.name, p.id
                LIMIT @Limit
                """;
        }
        else
        {
            parameters.AddDynamicParams(new { AfterRank = after?.AfterRank, AfterId = after?.AfterId });
            sql = $"""
                WITH ranked AS (
                    SELECT p.*, ts_rank(p.search_vector, query) AS rank
                    FROM products p, websearch_to_tsquery('english', @Search) query
                    WHERE p.search_vector @@ query {inCategory}
                )
                SELECT {Columns}, p.rank
                FROM ranked p JOIN categories c ON c.id = p.category_id
                {(after is null ? "" : "WHERE p.rank < @AfterRank OR (p.rank = @AfterRank AND p.id > @AfterId)")}
                ORDER BY p.rank DESC, p.id
                LIMIT @Limit
                """;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<ProductRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))).AsList();

        var hasMore = rows.Count > pageSize;
        var page = hasMore ? rows.GetRange(0, pageSize) : rows;
        var last = page.Count > 0 ? page[^1] : null;
        var next = hasMore && last is not null
            ? (filter.Search is null ? ProductCursor.AfterNamed(last.Name, last.Id) : ProductCursor.AfterRanked(last.Rank, last.Id)).Encode()
            : null;
        return new ProductPage(page.ConvertAll(row => row.ToDto()), next);
    }

    public async Task<ProductDto?> FindAsync(int id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ProductRow>(new CommandDefinition(
            $"""
            SELECT {Columns}
            FROM products p JOIN categories c ON c.id = p.category_id
            WHERE p.id = @id
            """,
            new { id },
            cancellationToken: cancellationToken));
        return row?.ToDto();
    }

    public async Task<IReadOnlyList<ProductDto>> FindManyAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<ProductRow>(new CommandDefinition(
            $"""
            SELECT {Columns}
            FROM products p JOIN categories c ON c.id = p.category_id
            WHERE p.id = ANY(@ids)
            ORDER BY p.id
            """,
            new { ids = ids.Distinct().ToArray() },
            cancellationToken: cancellationToken));
        return rows.Select(row => row.ToDto()).ToList();
    }

    /// <summary>
    /// Sets the price and, in the same transaction, writes <see cref="ProductPriceChanged"/> to the outbox. A repeat
    /// with the same price changes nothing (not even <c>updated_at</c>) and announces nothing. Null if no such product.
    /// </summary>
    public async Task<ProductDto?> ChangePriceAsync(int id, decimal price, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var current = await connection.QuerySingleOrDefaultAsync<decimal?>(new CommandDefinition(
            "SELECT price FROM products WHERE id = @id FOR UPDATE",
            new { id },
            transaction,
            cancellationToken: cancellationToken));
        if (current is not { } oldPrice)
        {
            return null;
        }

        if (oldPrice != price)
        {
            var currency = await connection.ExecuteScalarAsync<string>(new CommandDefinition(
                "UPDATE products SET price = @price, updated_at = now() WHERE id = @id RETURNING currency",
                new { id, price },
                transaction,
                cancellationToken: cancellationToken));
            await outbox.EnqueueAsync(new ProductPriceChanged(id, oldPrice, price, currency!.TrimEnd()), transaction, cancellationToken);
        }

        var row = await connection.QuerySingleAsync<ProductRow>(new CommandDefinition(
            $"""
            SELECT {Columns}
            FROM products p JOIN categories c ON c.id = p.category_id
            WHERE p.id = @id
            """,
            new { id },
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return row.ToDto();
    }

    /// <summary>A row as Dapper reads it; <see cref="Rank"/> is only selected by searches.</summary>
    private sealed class ProductRow
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
        public float Rank { get; init; }

        public ProductDto ToDto() => new(
            Id, Sku, Name, Description, CategoryId, CategoryName, Price, Currency.TrimEnd(), ProductImage.UrlFor(Id),
            new DateTimeOffset(CreatedAt, TimeSpan.Zero), new DateTimeOffset(UpdatedAt, TimeSpan.Zero));
    }
}
