using Commerce.Ordering.Contracts;

namespace Commerce.Ordering.Api.Domain;

/// <summary>What a command does to an order in a given status.</summary>
public enum Transition
{
    /// <summary>The order moves to the new status and the change is recorded and announced.</summary>
    Apply,

    /// <summary>It is already there: a repeat, which changes and announces nothing.</summary>
    AlreadyDone,

    /// <summary>The move is not allowed from where the order stands.</summary>
    Refuse,
}

/// <summary>
/// The order's statuses and the only moves between them: Pending → CancellationRequested, Confirmed or Cancelled;
/// CancellationRequested → Confirmed (too late to stop: the shipment existed) or Cancelled. Confirmed and Cancelled
/// are final, and nothing goes back to Pending.
/// </summary>
public static class OrderLifecycle
{
    private static readonly HashSet<(OrderStatus From, OrderStatus To)> Allowed =
    [
        (OrderStatus.Pending, OrderStatus.CancellationRequested),
        (OrderStatus.Pending, OrderStatus.Confirmed),
        (OrderStatus.Pending, OrderStatus.Cancelled),
        (OrderStatus.CancellationRequested, OrderStatus.Confirmed),
        (OrderStatus.CancellationRequested, OrderStatus.Cancelled),
    ];

    /// <summary>Whether an order in <paramref name="from"/> may move to <paramref name="to"/>; staying put is a repeat, not a move.</summary>
    public static Transition Move(OrderStatus from, OrderStatus to) =>
        from == to ? Transition.AlreadyDone : Allowed.Contains((from, to)) ? Transition.Apply : Transition.Refuse;

    public static Transition Confirm(OrderStatus current) => Move(current, OrderStatus.Confirmed);

    public static Transition Cancel(OrderStatus current) => Move(current, OrderStatus.Cancelled);

    /// <summary>Only before the order is confirmed or cancelled; asking twice is a repeat.</summary>
    public static Transition RequestCancellation(OrderStatus current) => Move(current, OrderStatus.CancellationRequested);
}
