using System.Text.Json;
using Commerce.Ordering.Api.Data;
using Commerce.Ordering.Api.Domain;
using Commerce.Ordering.Contracts;
using Commerce.Testing;
using Dapper;
using Npgsql;

namespace Commerce.Ordering.Tests.Data;

/// <summary>
/// Orders placed before references existed: migration 0002 gives each a unique reference, in its row, its view and
/// its placement fact, so the live view and a rebuilt one show the same. Run on a database at migration 0001 with
/// orders written as that version wrote them.
/// </summary>
public sealed class ReferenceMigrationTests
{
    private static readonly DateTimeOffset Placed = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Orders_placed_before_references_existed_each_get_a_unique_reference_in_their_row_view_and_placement_fact()
    {
        var server = await PostgresServer.SharedAsync(Cancellation);
        await using var connection = new NpgsqlConnection(await server.CreateDatabaseAsync("ordering_migration", Cancellation));
        await connection.OpenAsync(Cancellation);
        await connection.ExecuteAsync(Migration("0001_initial.sql"));
        // Same moment: the ids share their first digits, as the old references did.
        var orderIds = new[] { Guid.CreateVersion7(Placed), Guid.CreateVersion7(Placed), Guid.CreateVersion7(Placed) };
        foreach (var orderId in orderIds)
        {
            await WriteAsVersion1Async(connection, orderId);
        }

        await connection.ExecuteAsync(Migration("0002_order_reference.sql"));

        var references = new List<string>();
        foreach (var orderId in orderIds)
        {
            var reference = await connection.ExecuteScalarAsync<string>("SELECT reference FROM orders WHERE order_id = @orderId", new { orderId });
            Assert.True(OrderReference.IsWellFormed(reference), reference);
            var view = JsonSerializer.Deserialize<OrderDto>(
                (await connection.ExecuteScalarAsync<string>("SELECT document::text FROM order_views WHERE order_id = @orderId", new { orderId }))!,
                TimelineFact.Json)!;
            Assert.Equal(reference, view.Reference);
            await using var transaction = await connection.BeginTransactionAsync(Cancellation);
            var rebuilt = OrderProjection.Replay(await OrderTimeline.ReadAsync(connection, transaction, orderId, Cancellation));
            Assert.Equal(reference, rebuilt?.Order.Reference);
            references.Add(reference!);
        }

        Assert.Equal(references.Count, references.Distinct(StringComparer.Ordinal).Count());
        // The timeline is append-only again once the backfill is done.
        await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("UPDATE order_timeline SET description = 'changed'"));
    }

    /// <summary>An order as migration 0001's code wrote it: no reference anywhere.</summary>
    private static async Task WriteAsVersion1Async(NpgsqlConnection connection, Guid orderId)
    {
        var address = Orders.Address;
        var fact = JsonSerializer.Serialize(
            new
            {
                orderId,
                customerId = "customer-1",
                lines = new[] { new OrderLine(1, "Classic Espresso Beans", 14.50m, 2) },
                currency = "USD",
                total = 29.00m,
                shippingAddress = address,
                paymentToken = Orders.PaymentToken,
                placedAt = Placed,
            },
            TimelineFact.Json);
        var view = JsonSerializer.Serialize(
            new
            {
                orderId,
                status = "pending",
                lines = new[] { new OrderLine(1, "Classic Espresso Beans", 14.50m, 2) },
                currency = "USD",
                total = 29.00m,
                shippingAddress = address,
                steps = new OrderSteps(StepState.Pending, StepState.Pending, StepState.Pending),
                cancellationReason = (string?)null,
                placedAt = Placed,
                updatedAt = Placed,
            },
            TimelineFact.Json);
        await connection.ExecuteAsync(
            """
            INSERT INTO orders (order_id, customer_id, status, currency, total, recipient_name, line1, line2, city, postal_code,
                                country, payment_token, placed_at, updated_at)
            VALUES (@orderId, 'customer-1', 'pending', 'USD', 29.00, @Name, @Line1, @Line2, @City, @PostalCode, @Country,
                    @token, @placed, @placed);
            INSERT INTO order_timeline (order_id, kind, description, data, occurred_at)
            VALUES (@orderId, 'ordering.order-placed', 'Order placed: 2 items, 29.00 USD.', @fact::jsonb, @placed);
            INSERT INTO order_views (order_id, customer_id, placed_at, document)
            VALUES (@orderId, 'customer-1', @placed, @view::jsonb);
            """,
            new { orderId, address.Name, address.Line1, address.Line2, address.City, address.PostalCode, address.Country, token = Orders.PaymentToken, placed = Placed, fact, view });
    }

    private static string Migration(string name)
    {
        var assembly = typeof(OrderStore).Assembly;
        var resource = assembly.GetManifestResourceNames().Single(resource => resource.EndsWith(name, StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
        return reader.ReadToEnd();
    }
}
