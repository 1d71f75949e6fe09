using Commerce.Catalog.Contracts;
using Dapper;
using Npgsql;

namespace Commerce.Catalog.Api.Data;

public sealed class CategoryStore(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<CategoryDto>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var categories = await connection.QueryAsync<CategoryDto>(new CommandDefinition(
            "SELECT id, slug, name FROM categories ORDER BY name",
            cancellationToken: cancellationToken));
        return categories.AsList();
    }
}
