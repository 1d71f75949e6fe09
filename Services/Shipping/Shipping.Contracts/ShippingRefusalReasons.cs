namespace Commerce.Shipping.Contracts;

/// <summary>The <c>reason</c> extension of the ProblemDetails with which Shipping refuses a request, for callers to branch on.</summary>
public static class ShippingRefusalReasons
{
    /// <summary>422: the carrier does not deliver to the address (see Services/Shipping/README.md).</summary>
    public const string AddressUndeliverable = "address-undeliverable";

    /// <summary>409: the order already has a shipment with a different address or lines.</summary>
    public const string ShipmentMismatch = "shipment-mismatch";

    /// <summary>409: the shipment (or, for a create, the order's shipment before it existed) was cancelled.</summary>
    public const string ShipmentCancelled = "shipment-cancelled";

    /// <summary>409: the parcel already left the warehouse, so the shipment can no longer be cancelled.</summary>
    public const string AlreadyDispatched = "already-dispatched";
}
