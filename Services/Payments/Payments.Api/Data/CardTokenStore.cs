using Commerce.Payments.Contracts;
using Dapper;
using Npgsql;

namespace Commerce.Payments.Api.Data;

/// <summary>Keeps tokenized cards: the token, the last four digits, the brand and the expiry. Nothing else of a card.</summary>
public sealed class CardTokenStore(NpgsqlDataSource dataSource)
{
    internal const string Columns = "token, last4, brand, expiry_month AS ExpiryMonth, expiry_year AS ExpiryYear";

    public async Task AddAsync(CardTokenDto card, DateTimeOffset createdAt, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO card_tokens (token, last4, brand, expiry_month, expiry_year, created_at)
            VALUES (@Token, @Last4, @Brand, @ExpiryMonth, @ExpiryYear, @createdAt)
            """,
            new { card.Token, card.Last4, card.Brand, card.ExpiryMonth, card.ExpiryYear, createdAt },
            cancellationToken: cancellationToken));
    }

    public async Task<CardTokenDto?> FindAsync(string token, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<CardTokenDto>(new CommandDefinition(
            $"SELECT {Columns} FROM card_tokens WHERE token = @token",
            new { token },
            cancellationToken: cancellationToken));
    }
}
