using Commerce.Inventory.Contracts;

namespace Commerce.Inventory.Api.Domain;

/// <summary>Why a request about a reservation was refused: answered as a 409 whose <c>reason</c> is <see cref="Reason"/>.</summary>
public sealed record Refusal(string Reason, string Title, string Detail, IReadOnlyList<Shortage> Shortages);

/// <summary>What a request does to a reservation in its present state: change it, leave it as it is (an idempotent repeat), or refuse.</summary>
public sealed record Decision(bool Changes, Refusal? Refusal)
{
    public static Decision Apply { get; } = new(true, null);

    public static Decision Unchanged { get; } = new(false, null);

    public static Decision Refuse(Refusal refusal) => new(false, refusal);
}

/// <summary>The answer to a reserve or release: the reservation as it now is, or a refusal.</summary>
public abstract record ReservationOutcome
{
    public sealed record Done(Reservation Reservation) : ReservationOutcome;

    public sealed record Refused(Refusal Refusal) : ReservationOutcome;
}

/// <summary>
/// The stock held for one order, and the rules of its life: reserved (all lines, or refused with none), then either
/// released back to stock or committed when the order ships. Every step is idempotent on the order id, and the saga
/// that drives it may repeat or reorder calls, so each rule says what a repeat or a late call means.
/// </summary>
/// <param name="Lines">The lines asked for, ordered by product id (empty for a release that came before any reservation).</param>
/// <param name="Shortages">The short lines of a refused reservation; empty otherwise.</param>
public sealed record Reservation(
    Guid OrderId,
    ReservationStatus Status,
    IReadOnlyList<ReservationLine> Lines,
    IReadOnlyList<Shortage> Shortages,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Lines in product-id order: the order stock rows are locked in (so reservations never deadlock) and compared in.</summary>
    public static IReadOnlyList<ReservationLine> Canonical(IEnumerable<ReservationLine> lines) =>
        [.. lines.OrderBy(line => line.ProductId)];

    /// <summary>The lines that ask for more than <paramref name="available"/> holds; a product missing from it has none.</summary>
    public static IReadOnlyList<Shortage> FindShortages(IEnumerable<ReservationLine> lines, IReadOnlyDictionary<int, int> available) =>
    [
        .. lines
            .Select(line => new Shortage(line.ProductId, line.Quantity, available.GetValueOrDefault(line.ProductId)))
            .Where(shortage => shortage.Requested > shortage.Available)
            .OrderBy(shortage => shortage.ProductId),
    ];

    public static Refusal OutOfStock(IReadOnlyList<Shortage> shortages, int lineCount) => new(
        InventoryRefusalReasons.OutOfStock,
        "Not enough stock for this order.",
        $"Nothing was reserved: {shortages.Count} of the order's {lineCount} lines ask for more than is available.",
        shortages);

    /// <summary>
    /// A reservation asked for again under the same order id answers what the first one did: the reservation as it is,
    /// or the same refusal. A refusal stays final even if stock has come in since: the saga has already cancelled the
    /// order on it, and units held now would be held for an order nobody will ship or release.
    /// </summary>
    public Decision DecideRepeat(IReadOnlyList<ReservationLine> requested) => this switch
    {
        // Released units are not held any more: a success would tell the caller otherwise.
        { Status: ReservationStatus.Released } => Decision.Refuse(Released("reserved")),
        _ when !Lines.SequenceEqual(Canonical(requested)) => Decision.Refuse(new Refusal(
            InventoryRefusalReasons.ReservationMismatch,
            "This order was reserved with other lines.",
            "An order id reserves one set of lines: repeat the request with the same lines, or use the order id of a new order.",
            [])),
        { Status: ReservationStatus.Refused } => Decision.Refuse(OutOfStock(Shortages, Lines.Count)),
        _ => Decision.Unchanged,
    };

    /// <summary>Releasing twice, or releasing what was refused (nothing is held), changes nothing; units that shipped cannot come back.</summary>
    public Decision DecideRelease() => Status switch
    {
        ReservationStatus.Reserved => Decision.Apply,
        ReservationStatus.Released or ReservationStatus.Refused => Decision.Unchanged,
        _ => Decision.Refuse(new Refusal(
            InventoryRefusalReasons.ReservationCommitted,
            "This order's stock has been committed.",
            "The units left stock with the order's shipment; they cannot be released.",
            [])),
    };

    /// <summary>Committing twice changes nothing; only held units can be committed.</summary>
    public Decision DecideCommit() => Status switch
    {
        ReservationStatus.Reserved => Decision.Apply,
        ReservationStatus.Committed => Decision.Unchanged,
        ReservationStatus.Released => Decision.Refuse(Released("committed")),
        _ => Decision.Refuse(new Refusal(
            InventoryRefusalReasons.ReservationRefused,
            "This order's reservation was refused.",
            "Nothing was reserved for this order, so there is nothing to commit.",
            [])),
    };

    public ReservationDto ToDto() => new(OrderId, Status, Lines, Shortages, CreatedAt, UpdatedAt);

    private static Refusal Released(string verb) => new(
        InventoryRefusalReasons.ReservationReleased,
        "This order's reservation has been released.",
        $"Stock for this order was released, so it can no longer be {verb}.",
        []);
}
