using Commerce.Shipping.Contracts;
using Commerce.Testing;
using Dapper;
using Npgsql;
using Refit;

namespace Commerce.Shipping.Tests;

/// <summary>The real Shipping service in-process (<see cref="ServiceFactory{TEntryPoint}"/>).</summary>
public sealed class ShippingApiFactory() : ServiceFactory<Program>("shipping")
{
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
}
