using System.Net;
using Commerce.Inventory.Contracts;
using Commerce.Testing;
using Microsoft.Extensions.Hosting;

namespace Commerce.Inventory.Tests;

public sealed class HealthTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Health_checks_the_database_and_the_broker()
    {
        // Development writes the report per check; production only says whether all of them pass.
        await using var inventory = new InventoryApiFactory { EnvironmentName = Environments.Development };
        await inventory.InitializeAsync();
        using var client = inventory.CreateClient();

        await HealthProbe.AssertReportsHealthyAsync(client, [HealthProbe.DatabaseCheck, HealthProbe.BrokerCheck], Cancellation);
    }

    [Fact]
    public async Task While_the_broker_is_down_health_fails_but_reservations_go_on_and_their_events_follow_once_it_is_back()
    {
        // Stopping a broker would break every other test on the shared one: this test brings its own.
        await using var rabbitMq = await RabbitMqServer.StartPrivateAsync(Cancellation);
        await using var inventory = new InventoryApiFactory { RabbitMq = rabbitMq };
        await inventory.InitializeAsync();
        using var client = inventory.CreateClient();
        var api = inventory.CreateInventoryClient();
        Assert.Equal(HttpStatusCode.OK, await HealthProbe.WaitForAsync(client, HttpStatusCode.OK, TimeSpan.FromSeconds(10), Cancellation));

        await rabbitMq.StopAsync(Cancellation);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, await HealthProbe.WaitForAsync(client, HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(10), Cancellation));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/alive", Cancellation)).StatusCode);
        var productId = await inventory.StockProductAsync(5, Cancellation);
        var orderId = Guid.NewGuid();
        // The event waits in the outbox: the reservation does not depend on the broker.
        var reserved = await api.ReserveAsync(orderId, new ReserveStockRequest([new(productId, 2)]), Cancellation);
        Assert.Equal(HttpStatusCode.OK, reserved.StatusCode);

        await rabbitMq.StartAsync(Cancellation);
        await using var probe = await BrokerProbe.StartAsync(inventory.VirtualHost, ["inventory.stock-reserved"], cancellationToken: Cancellation);

        Assert.Equal(HttpStatusCode.OK, await HealthProbe.WaitForAsync(client, HttpStatusCode.OK, TimeSpan.FromSeconds(30), Cancellation));
        // The dispatcher backs off while the broker is away (at most 30 s between attempts).
        var message = await probe.NextAsync(TimeSpan.FromSeconds(45), Cancellation);
        Assert.True(OrderEvents.IsFor(message, orderId));
    }
}
