namespace Commerce.Faults.Tests.Invariants;

/// <summary>
/// What the databases of every service say after a fault, once the system has had the time to settle: each list names
/// the breaches of one invariant, so an empty list is the invariant holding.
/// </summary>
public sealed record InvariantReport(
    int Orders,
    int Confirmed,
    int Cancelled,
    IReadOnlyList<string> LostOrders,
    IReadOnlyList<string> LostEvents,
    IReadOnlyList<string> OversoldUnits,
    IReadOnlyList<string> DoubleCharges,
    IReadOnlyList<string> OpenReservations,
    IReadOnlyList<string> OpenAuthorizations)
{
    public bool Holds => Breaches.All(breach => breach.Items.Count == 0);

    private IEnumerable<(string Name, IReadOnlyList<string> Items)> Breaches =>
    [
        ("lost orders", LostOrders),
        ("lost events", LostEvents),
        ("oversold units", OversoldUnits),
        ("double charges", DoubleCharges),
        ("open reservations", OpenReservations),
        ("open authorizations", OpenAuthorizations),
    ];

    /// <summary>One line for the matrix's table: each invariant's count of breaches.</summary>
    public string Summary => string.Join(", ", Breaches.Select(breach => $"{breach.Items.Count} {breach.Name}"));

    /// <summary>Every breach, for a failing test's message.</summary>
    public string Details => string.Join(Environment.NewLine, Breaches
        .Where(breach => breach.Items.Count > 0)
        .SelectMany(breach => breach.Items.Take(20).Select(item => $"{breach.Name}: {item}")));
}
