using System.Net;
using Commerce.Testing;
using Dapper;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Commerce.Shipping.Tests;

public sealed class HealthTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Health_covers_the_database_and_the_broker()
    {
        // Development writes the per-check report; Production answers with the status alone.
        await using var shipping = new ShippingApiFactory { EnvironmentName = Environments.Development };
        await shipping.InitializeAsync();
        using var client = shipping.CreateClient();

        await HealthProbe.AssertReportsHealthyAsync(client, [HealthProbe.DatabaseCheck, HealthProbe.BrokerCheck], Cancellation);
    }

    [Fact]
    public async Task While_the_broker_is_down_health_is_503_yet_shipments_are_created_and_announced_once_it_is_back()
    {
        // Stopping a broker would break every other test on the shared one: this test brings its own.
        await using var rabbitMq = await RabbitMqServer.StartPrivateAsync(Cancellation);
        await using var shipping = new ShippingApiFactory { RabbitMq = rabbitMq };
        await shipping.InitializeAsync();
        using var client = shipping.CreateClient();
        var api = shipping.CreateShippingClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health", Cancellation)).StatusCode);

        await rabbitMq.StopAsync(Cancellation);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, await HealthProbe.WaitForAsync(client, HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(10), Cancellation));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/alive", Cancellation)).StatusCode);
        var orderId = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Created, (await api.CreateShipmentAsync(orderId, Parcels.Shipment(), Cancellation)).StatusCode);
        Assert.Equal(1, await UnsentEventsAsync(shipping.ConnectionString));

        await rabbitMq.StartAsync(Cancellation);

        Assert.Equal(HttpStatusCode.OK, await HealthProbe.WaitForAsync(client, HttpStatusCode.OK, TimeSpan.FromSeconds(30), Cancellation));
        Assert.True(await OutboxDrainsAsync(shipping.ConnectionString, TimeSpan.FromSeconds(30)), "ShipmentCreated was never published");
    }

    /// <summary>
    /// Whether every event in the outbox gets published within <paramref name="within"/>. Asked of the outbox rather
    /// than a broker probe: the event may leave the moment the broker is back, before a probe could bind its queue.
    /// </summary>
    private static async Task<bool> OutboxDrainsAsync(string connectionString, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (await UnsentEventsAsync(connectionString) > 0)
        {
            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), Cancellation);
        }

        return true;
    }

    private static async Task<long> UnsentEventsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL", cancellationToken: Cancellation));
    }
}
