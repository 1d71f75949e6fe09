using System.Net;
using Commerce.Shipping.Contracts;
using Commerce.Testing;

namespace Commerce.Shipping.Tests.Apis;

/// <summary>A shipment is cancelled or dispatched, never both; each change is announced once, repeats are no-ops.</summary>
public sealed class CancelAndDispatchTests(ShippingApiFactory factory) : IClassFixture<ShippingApiFactory>
{
    private static readonly string[] Changes = ["shipping.shipment-cancelled", "shipping.shipment-dispatched"];
    private readonly IShippingApi _shipping = factory.CreateShippingClient();
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Cancelling_before_dispatch_cancels_the_shipment_and_announces_it()
    {
        var shipment = await CreateAsync();
        await using var probe = await BrokerProbe.StartAsync(factory.VirtualHost, Changes, cancellationToken: Cancellation);

        var response = await _shipping.CancelShipmentAsync(shipment.OrderId, Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ShipmentStatus.Cancelled, response.Content!.Status);
        Assert.NotNull(response.Content.CancelledAt);
        Assert.Equal(ShipmentStatus.Cancelled, (await _shipping.GetShipmentAsync(shipment.OrderId, Cancellation)).Content!.Status);
        var message = await probe.NextForAsync(shipment.OrderId, Cancellation);
        Assert.Equal("shipping.shipment-cancelled", message.RoutingKey);
        Assert.Equal(shipment.ShipmentId, message.Json.GetProperty("shipmentId").GetGuid());
    }

    [Fact]
    public async Task Cancelling_again_returns_the_cancelled_shipment_and_announces_nothing_new()
    {
        var shipment = await CreateAsync();
        await using var probe = await BrokerProbe.StartAsync(factory.VirtualHost, Changes, cancellationToken: Cancellation);
        var first = await _shipping.CancelShipmentAsync(shipment.OrderId, Cancellation);
        await probe.NextForAsync(shipment.OrderId, Cancellation);

        var again = await _shipping.CancelShipmentAsync(shipment.OrderId, Cancellation);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equivalent(first.Content, again.Content, strict: true);
        Assert.Empty(await probe.CollectForAsync(shipment.OrderId, factory.ConnectionString, Cancellation));
    }

    [Fact]
    public async Task Cancelling_the_shipment_of_an_order_that_has_none_is_a_204_that_announces_nothing()
    {
        var orderId = Guid.NewGuid();
        await using var probe = await BrokerProbe.StartAsync(factory.VirtualHost, Changes, cancellationToken: Cancellation);

        var response = await _shipping.CancelShipmentAsync(orderId, Cancellation);
        var again = await _shipping.CancelShipmentAsync(orderId, Cancellation);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _shipping.GetShipmentAsync(orderId, Cancellation)).StatusCode);
        Assert.Empty(await probe.CollectForAsync(orderId, factory.ConnectionString, Cancellation));
    }

    [Fact]
    public async Task A_create_that_arrives_after_its_order_was_cancelled_is_refused()
    {
        // The saga compensates a create whose request timed out; that request may still reach the service afterwards.
        var orderId = Guid.NewGuid();
        await using var probe = await BrokerProbe.StartAsync(factory.VirtualHost, ["shipping.#"], cancellationToken: Cancellation);
        await _shipping.CancelShipmentAsync(orderId, Cancellation);

        var late = await _shipping.CreateShipmentAsync(orderId, Parcels.Shipment(), Cancellation);

        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal(ShippingRefusalReasons.ShipmentCancelled, await late.ReasonAsync());
        Assert.Equal((0, 0, 1), await factory.CountRowsAsync(orderId, Cancellation));
        Assert.Empty(await probe.CollectForAsync(orderId, factory.ConnectionString, Cancellation));
    }

    [Fact]
    public async Task Cancelling_and_creating_at_once_never_leaves_a_live_shipment_behind_a_cancellation()
    {
        for (var round = 0; round < 10; round++)
        {
            var orderId = Guid.NewGuid();
            var create = _shipping.CreateShipmentAsync(orderId, Parcels.Shipment(), Cancellation);
            var cancel = _shipping.CancelShipmentAsync(orderId, Cancellation);
            await Task.WhenAll(create, cancel);

            // Whichever came first, the order ends without a shipment that would still be sent.
            var status = (await _shipping.GetShipmentAsync(orderId, Cancellation)).Content?.Status;
            Assert.True(status is null or ShipmentStatus.Cancelled, $"round {round}: {status}, create {create.Result.StatusCode}, cancel {cancel.Result.StatusCode}");
        }
    }

    [Fact]
    public async Task Dispatching_announces_the_parcel_left_and_a_repeat_announces_nothing()
    {
        var shipment = await CreateAsync();
        await using var probe = await BrokerProbe.StartAsync(factory.VirtualHost, Changes, cancellationToken: Cancellation);

        var dispatched = await _shipping.DispatchShipmentAsync(shipment.OrderId, Cancellation);
        var message = await probe.NextForAsync(shipment.OrderId, Cancellation);
        var again = await _shipping.DispatchShipmentAsync(shipment.OrderId, Cancellation);

        Assert.Equal(HttpStatusCode.OK, dispatched.StatusCode);
        Assert.Equal(ShipmentStatus.Dispatched, dispatched.Content!.Status);
        Assert.NotNull(dispatched.Content.DispatchedAt);
        Assert.Equal("shipping.shipment-dispatched", message.RoutingKey);
        Assert.Equal(shipment.ShipmentId, message.Json.GetProperty("shipmentId").GetGuid());
        Assert.Equal(shipment.TrackingNumber, message.Json.GetProperty("trackingNumber").GetString());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equivalent(dispatched.Content, again.Content, strict: true);
        Assert.Empty(await probe.CollectForAsync(shipment.OrderId, factory.ConnectionString, Cancellation));
    }

    [Fact]
    public async Task Cancelling_after_dispatch_is_a_409_already_dispatched_and_the_parcel_stays_dispatched()
    {
        var shipment = await CreateAsync();
        await _shipping.DispatchShipmentAsync(shipment.OrderId, Cancellation);
        await using var probe = await BrokerProbe.StartAsync(factory.VirtualHost, Changes, cancellationToken: Cancellation);

        var response = await _shipping.CancelShipmentAsync(shipment.OrderId, Cancellation);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("already-dispatched", await response.ReasonAsync()); // the wire word itself, which clients branch on
        Assert.Equal(ShipmentStatus.Dispatched, (await _shipping.GetShipmentAsync(shipment.OrderId, Cancellation)).Content!.Status);
        Assert.DoesNotContain(await probe.CollectForAsync(shipment.OrderId, factory.ConnectionString, Cancellation), m => m.RoutingKey == "shipping.shipment-cancelled");
    }

    [Fact]
    public async Task Dispatching_a_cancelled_shipment_is_a_409_and_it_stays_cancelled()
    {
        var shipment = await CreateAsync();
        await _shipping.CancelShipmentAsync(shipment.OrderId, Cancellation);
        await using var probe = await BrokerProbe.StartAsync(factory.VirtualHost, Changes, cancellationToken: Cancellation);

        var response = await _shipping.DispatchShipmentAsync(shipment.OrderId, Cancellation);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(ShippingRefusalReasons.ShipmentCancelled, await response.ReasonAsync());
        Assert.Equal(ShipmentStatus.Cancelled, (await _shipping.GetShipmentAsync(shipment.OrderId, Cancellation)).Content!.Status);
        Assert.DoesNotContain(await probe.CollectForAsync(shipment.OrderId, factory.ConnectionString, Cancellation), m => m.RoutingKey == "shipping.shipment-dispatched");
    }

    [Fact]
    public async Task Dispatching_the_shipment_of_an_order_that_has_none_is_a_404()
    {
        var response = await _shipping.DispatchShipmentAsync(Guid.NewGuid(), Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_repeated_create_after_a_cancel_returns_the_cancelled_shipment()
    {
        var shipment = await CreateAsync();
        await _shipping.CancelShipmentAsync(shipment.OrderId, Cancellation);

        var repeat = await _shipping.CreateShipmentAsync(shipment.OrderId, Parcels.Shipment(), Cancellation);

        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.Equal((shipment.ShipmentId, ShipmentStatus.Cancelled), (repeat.Content!.ShipmentId, repeat.Content.Status));
    }

    private async Task<ShipmentDto> CreateAsync()
    {
        var response = await _shipping.CreateShipmentAsync(Guid.NewGuid(), Parcels.Shipment(), Cancellation);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return response.Content!;
    }
}
