using Commerce.Testing;
using Dapper;
using Npgsql;

namespace Commerce.Messaging.Tests;

public sealed class SqlMigrationTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Migrations_run_at_start_once_each_in_name_order_even_when_two_replicas_start_together()
    {
        var database = await MessagingHost.CreateDatabaseAsync(Cancellation);
        var broker = await (await RabbitMqServer.SharedAsync(Cancellation)).CreateVirtualHostAsync("migrations", Cancellation);

        var replicas = await Task.WhenAll(
            MessagingHost.StartAsync(database, broker, consume: false, cancellationToken: Cancellation),
            MessagingHost.StartAsync(database, broker, consume: false, cancellationToken: Cancellation));
        await using var first = replicas[0];
        await using var second = replicas[1];

        // Messaging's own scripts (the outbox and the inbox) and the service's, each journalled once.
        await using var connection = new NpgsqlConnection(database);
        var journal = (await connection.QueryAsync<string>("SELECT scriptname FROM schemaversions ORDER BY schemaversionsid")).ToList();
        Assert.Equal(["Commerce.Messaging.Migrations.0001_outbox_and_inbox.sql", "Commerce.Messaging.Tests.Migrations.0001_effects.sql"], journal);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM effects"));
    }
}
