using Commerce.Shipping.Contracts;

namespace Commerce.Shipping.Api.Domain;

/// <summary>What a cancel or a dispatch does to a shipment in a given state.</summary>
public enum Transition
{
    /// <summary>The shipment moves to the new state and the change is announced.</summary>
    Apply,

    /// <summary>It is already there: a repeat, which changes and announces nothing.</summary>
    AlreadyDone,

    /// <summary>It is in the other final state, from which there is no way back.</summary>
    Refuse,
}

/// <summary>
/// Created → Dispatched or Created → Cancelled; both are final. A parcel that left the warehouse cannot be called
/// back, and a cancelled one is not handed to the carrier.
/// </summary>
public static class ShipmentLifecycle
{
    public static Transition Cancel(ShipmentStatus current) => current switch
    {
        ShipmentStatus.Created => Transition.Apply,
        ShipmentStatus.Cancelled => Transition.AlreadyDone,
        _ => Transition.Refuse,
    };

    public static Transition Dispatch(ShipmentStatus current) => current switch
    {
        ShipmentStatus.Created => Transition.Apply,
        ShipmentStatus.Dispatched => Transition.AlreadyDone,
        _ => Transition.Refuse,
    };

    /// <summary>
    /// Whether a create request asks for the shipment that exists: the same address, field for field, and the same
    /// products in the same quantities, in any order. Only then is it a repeat rather than a conflicting request.
    /// </summary>
    public static bool IsSameShipment(ShipmentDto existing, CreateShipmentRequest request) =>
        existing.Address == request.Address &&
        existing.Lines.OrderBy(line => line.ProductId).SequenceEqual(request.Lines.OrderBy(line => line.ProductId));
}
