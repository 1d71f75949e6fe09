using Commerce.Shipping.Contracts;

namespace Commerce.Shipping.Tests;

/// <summary>Requests a test can start from: valid, deliverable, and easy to vary with <c>with</c>.</summary>
internal static class Parcels
{
    public static readonly ShippingAddress Domestic = new("Ada Lovelace", "1 Market Street", "Suite 300", "San Francisco", "94105", "US");

    public static readonly ShippingAddress German = new("Grace Hopper", "Unter den Linden 5", null, "Berlin", "10117", "DE");

    public static readonly IReadOnlyList<ShipmentLine> ThreeItems = [new(12, 2), new(7, 1)];

    public static CreateShipmentRequest Shipment(ShippingAddress? address = null, IReadOnlyList<ShipmentLine>? lines = null) =>
        new(address ?? Domestic, lines ?? ThreeItems);

    public static QuoteRequest Quote(ShippingAddress? address = null, IReadOnlyList<ShipmentLine>? lines = null) =>
        new(address ?? Domestic, lines ?? ThreeItems);
}
