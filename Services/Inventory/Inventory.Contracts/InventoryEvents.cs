namespace Commerce.Inventory.Contracts;

/// <summary>The order's lines are held in stock (<c>inventory.stock-reserved</c>).</summary>
public sealed record StockReserved(Guid OrderId, IReadOnlyList<ReservationLine> Lines);

/// <summary>The order's held units went back to stock (<c>inventory.stock-released</c>).</summary>
public sealed record StockReleased(Guid OrderId, IReadOnlyList<ReservationLine> Lines);

/// <summary>The order shipped and its units left stock for good (<c>inventory.stock-committed</c>).</summary>
public sealed record StockCommitted(Guid OrderId, IReadOnlyList<ReservationLine> Lines);
