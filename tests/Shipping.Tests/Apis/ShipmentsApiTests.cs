using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Commerce.Shipping.Api.Domain;
using Commerce.Shipping.Contracts;
using Commerce.Testing;

namespace Commerce.Shipping.Tests.Apis;

/// <summary>Creating and reading shipments: idempotent on the order id, refused for undeliverable addresses.</summary>
public sealed class ShipmentsApiTests(ShippingApiFactory factory) : IClassFixture<ShippingApiFactory>
{
    private static readonly string[] Created = ["shipping.shipment-created"];
    private readonly IShippingApi _shipping = factory.CreateShippingClient();
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Creating_a_shipment_answers_201_at_the_quoted_price_and_announces_it()
    {
        var orderId = Guid.NewGuid();
        await using var probe = await BrokerProbe.StartAsync(factory.VirtualHost, Created, cancellationToken: Cancellation);

        var response = await _shipping.CreateShipmentAsync(orderId, Parcels.Shipment(), Cancellation);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/shipments/{orderId}", response.Headers?.Location?.OriginalString);
        var shipment = response.Content!;
        Assert.Equal((orderId, ShipmentStatus.Created, 6.97m, "USD", 3), (shipment.OrderId, shipment.Status, shipment.Price, shipment.Currency, shipment.EstimatedDeliveryDays));
        Assert.Equal(Parcels.Domestic, shipment.Address);
        Assert.Equal(Parcels.ThreeItems, shipment.Lines);
        Assert.Equal(TrackingNumber.For(shipment.ShipmentId), shipment.TrackingNumber);

        var message = await probe.NextForAsync(orderId, Cancellation);
        Assert.Equal("shipping.shipment-created", message.RoutingKey);
        var created = message.Json;
        Assert.Equal(shipment.ShipmentId, created.GetProperty("shipmentId").GetGuid());
        Assert.Equal(shipment.TrackingNumber, created.GetProperty("trackingNumber").GetString());
        Assert.Equal("94105", created.GetProperty("address").GetProperty("postalCode").GetString());
        Assert.Equal(2, created.GetProperty("lines").GetArrayLength());
        Assert.Equal(12, created.GetProperty("lines")[0].GetProperty("productId").GetInt32());
        Assert.Equal(3, created.GetProperty("estimatedDeliveryDays").GetInt32());
    }

    [Fact]
    public async Task A_shipment_reads_back_exactly_as_it_was_created()
    {
        var orderId = Guid.NewGuid();
        var created = await _shipping.CreateShipmentAsync(orderId, Parcels.Shipment(Parcels.German), Cancellation);

        var read = await _shipping.GetShipmentAsync(orderId, Cancellation);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equivalent(created.Content, read.Content, strict: true);
        Assert.Equal(created.Content!.CreatedAt, read.Content!.CreatedAt);
    }

    [Fact]
    public async Task Repeating_a_create_returns_the_original_shipment_and_announces_nothing_new()
    {
        var orderId = Guid.NewGuid();
        await using var probe = await BrokerProbe.StartAsync(factory.VirtualHost, Created, cancellationToken: Cancellation);
        var original = await _shipping.CreateShipmentAsync(orderId, Parcels.Shipment(), Cancellation);
        await probe.NextForAsync(orderId, Cancellation);

        var repeat = await _shipping.CreateShipmentAsync(orderId, Parcels.Shipment(), Cancellation);

        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.Equivalent(original.Content, repeat.Content, strict: true);
        Assert.Empty(await probe.CollectForAsync(orderId, factory.ConnectionString, Cancellation));
        Assert.Equal((1, 2, 0), await factory.CountRowsAsync(orderId, Cancellation));
    }

    [Fact]
    public async Task A_repeat_listing_the_same_lines_in_another_order_is_the_same_request()
    {
        var orderId = Guid.NewGuid();
        var original = await _shipping.CreateShipmentAsync(orderId, Parcels.Shipment(lines: [new(1, 1), new(2, 2)]), Cancellation);

        var repeat = await _shipping.CreateShipmentAsync(orderId, Parcels.Shipment(lines: [new(2, 2), new(1, 1)]), Cancellation);

        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.Equal(original.Content!.ShipmentId, repeat.Content!.ShipmentId);
        Assert.Equal([new(1, 1), new(2, 2)], repeat.Content.Lines);
    }

    public static TheoryData<string> DifferentRequests => ["another address", "another quantity", "another product"];

    [Theory]
    [MemberData(nameof(DifferentRequests))]
    public async Task A_different_request_for_an_order_that_has_a_shipment_is_a_409_and_changes_nothing(string difference)
    {
        var orderId = Guid.NewGuid();
        await using var probe = await BrokerProbe.StartAsync(factory.VirtualHost, Created, cancellationToken: Cancellation);
        var original = await _shipping.CreateShipmentAsync(orderId, Parcels.Shipment(), Cancellation);
        await probe.NextForAsync(orderId, Cancellation);
        var different = difference switch
        {
            "another address" => Parcels.Shipment(Parcels.German),
            "another quantity" => Parcels.Shipment(lines: [new(12, 3), new(7, 1)]),
            _ => Parcels.Shipment(lines: [new(12, 2), new(8, 1)]),
        };

        var response = await _shipping.CreateShipmentAsync(orderId, different, Cancellation);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.ProblemAsync();
        Assert.Equal(ShippingRefusalReasons.ShipmentMismatch, problem.Extensions["reason"].ToString());
        Assert.Contains(orderId.ToString(), problem.Detail, StringComparison.Ordinal);
        Assert.Equivalent(original.Content, (await _shipping.GetShipmentAsync(orderId, Cancellation)).Content, strict: true);
        Assert.Empty(await probe.CollectForAsync(orderId, factory.ConnectionString, Cancellation));
    }

    public static TheoryData<string, string?, string> UndeliverableAddresses => new()
    {
        { "SY", null, "address.country" },
        { "US", "P.O. Box 1200", "address.line1" },
    };

    [Theory]
    [MemberData(nameof(UndeliverableAddresses))]
    public async Task An_undeliverable_create_is_a_422_with_the_reason_and_writes_nothing(string country, string? line1, string field)
    {
        var orderId = Guid.NewGuid();
        await using var probe = await BrokerProbe.StartAsync(factory.VirtualHost, Created, cancellationToken: Cancellation);
        var address = Parcels.Domestic with { Country = country, Line1 = line1 ?? Parcels.Domestic.Line1 };

        var response = await _shipping.CreateShipmentAsync(orderId, Parcels.Shipment(address), Cancellation);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.ContentHeaders?.ContentType?.MediaType);
        var problem = await response.ProblemAsync();
        Assert.Equal(ShippingRefusalReasons.AddressUndeliverable, problem.Extensions["reason"].ToString());
        Assert.Equal(field, problem.Extensions["field"].ToString());
        Assert.Equal("The carrier cannot deliver to this address.", problem.Title);
        Assert.NotNull(problem.Type);
        Assert.NotNull(problem.Detail);
        Assert.Equal((0, 0, 0), await factory.CountRowsAsync(orderId, Cancellation));
        Assert.Empty(await probe.CollectForAsync(orderId, factory.ConnectionString, Cancellation));

        // Nothing was remembered either: the order can still ship to an address the carrier serves.
        Assert.Equal(HttpStatusCode.Created, (await _shipping.CreateShipmentAsync(orderId, Parcels.Shipment(), Cancellation)).StatusCode);
    }

    [Fact]
    public async Task Concurrent_creates_for_one_order_make_one_shipment_and_one_event()
    {
        var orderId = Guid.NewGuid();
        await using var probe = await BrokerProbe.StartAsync(factory.VirtualHost, Created, cancellationToken: Cancellation);

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => _shipping.CreateShipmentAsync(orderId, Parcels.Shipment(), Cancellation)));

        Assert.Single(responses, response => response.StatusCode == HttpStatusCode.Created);
        Assert.All(responses, response => Assert.True(response.IsSuccessStatusCode, response.StatusCode.ToString()));
        Assert.Single(responses.Select(response => response.Content!.ShipmentId).Distinct());
        await probe.NextForAsync(orderId, Cancellation);
        Assert.Empty(await probe.CollectForAsync(orderId, factory.ConnectionString, Cancellation));
    }

    [Fact]
    public async Task An_order_without_a_shipment_is_a_404_problem()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync($"/shipments/{Guid.NewGuid()}", Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_every_endpoint_and_its_refusals()
    {
        using var client = factory.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Cancellation);

        var paths = document.GetProperty("paths");
        Assert.Superset(
            new HashSet<string> { "/quotes", "/shipments/{orderId}", "/shipments/{orderId}/cancel", "/shipments/{orderId}/dispatch" },
            paths.EnumerateObject().Select(path => path.Name).ToHashSet());
        var create = paths.GetProperty("/shipments/{orderId}").GetProperty("put").GetProperty("responses");
        Assert.Superset(new HashSet<string> { "200", "201", "400", "409", "422" }, create.EnumerateObject().Select(response => response.Name).ToHashSet());
    }
}
