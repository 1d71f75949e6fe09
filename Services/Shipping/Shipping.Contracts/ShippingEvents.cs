namespace Commerce.Shipping.Contracts;

/// <summary>An order's shipment was created (<c>shipping.shipment-created</c>): the parcel will be packed and handed to the carrier.</summary>
public sealed record ShipmentCreated(
    Guid OrderId,
    Guid ShipmentId,
    string TrackingNumber,
    ShippingAddress Address,
    IReadOnlyList<ShipmentLine> Lines,
    int EstimatedDeliveryDays);

/// <summary>An order's shipment was cancelled before it left the warehouse (<c>shipping.shipment-cancelled</c>).</summary>
public sealed record ShipmentCancelled(Guid OrderId, Guid ShipmentId);

/// <summary>The warehouse handed an order's parcel to the carrier (<c>shipping.shipment-dispatched</c>); it can no longer be cancelled.</summary>
public sealed record ShipmentDispatched(Guid OrderId, Guid ShipmentId, string TrackingNumber);
