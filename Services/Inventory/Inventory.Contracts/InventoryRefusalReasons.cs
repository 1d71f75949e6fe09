namespace Commerce.Inventory.Contracts;

/// <summary>The <c>reason</c> extension of the ProblemDetails with which Inventory refuses a request (every one a 409), for callers to branch on.</summary>
public static class InventoryRefusalReasons
{
    /// <summary>Some line asks for more than is available; nothing was reserved.</summary>
    public const string OutOfStock = "out-of-stock";

    /// <summary>The order's reservation was released (or released before it was ever made): it cannot be reserved or committed.</summary>
    public const string ReservationReleased = "reservation-released";

    /// <summary>The order's stock left with its shipment: it cannot be released any more.</summary>
    public const string ReservationCommitted = "reservation-committed";

    /// <summary>The order's reservation was refused, so there is nothing to commit.</summary>
    public const string ReservationRefused = "reservation-refused";

    /// <summary>The order id was already used to reserve other lines.</summary>
    public const string ReservationMismatch = "reservation-mismatch";
}
