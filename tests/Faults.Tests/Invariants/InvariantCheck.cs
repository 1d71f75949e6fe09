using Commerce.AppHost.Tests;
using Dapper;

namespace Commerce.Faults.Tests.Invariants;

/// <summary>
/// The one check every fault of the matrix ends with, over every database of the system: every order placed is
/// Confirmed or Cancelled with a reason; every event an outbox took was sent and handled by every consumer of its kind;
/// no product sold more units than it had; no order was charged twice, or charged and cancelled; every reservation was
/// committed or released and every authorization captured or voided, as the order's outcome says.
/// </summary>
public static class InvariantCheck
{
    /// <summary>
    /// Waits until every invariant holds and returns the report; past <paramref name="settleTimeout"/>, returns the
    /// last report as it stands, for the test to fail with. (A saga in flight or an event not yet handled is a breach
    /// until it finishes: only a system that never gets there has lost something.)
    /// </summary>
    public static async Task<InvariantReport> SettleAsync(FaultMatrixSystem system, TimeSpan settleTimeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + settleTimeout;
        while (true)
        {
            var report = await RunAsync(system, cancellationToken);
            if (report.Holds || DateTime.UtcNow >= deadline)
            {
                return report;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    public static async Task<InvariantReport> RunAsync(FaultMatrixSystem system, CancellationToken cancellationToken)
    {
        var orders = await ReadAsync<OrderRow>(system, SystemDatabases.Ordering,
            "SELECT order_id AS OrderId, status AS Status, cancellation_reason AS CancellationReason FROM orders", cancellationToken);
        var reservations = (await ReadAsync<ReservationRow>(system, SystemDatabases.Inventory,
            "SELECT order_id AS OrderId, status AS Status FROM reservations", cancellationToken)).ToDictionary(row => row.OrderId);
        var payments = (await ReadAsync<PaymentRow>(system, SystemDatabases.Payments,
            "SELECT order_id AS OrderId, status AS Status FROM payments", cancellationToken)).ToDictionary(row => row.OrderId);
        var captures = await ReadAsync<CaptureCount>(system, SystemDatabases.Payments, """
            SELECT order_id AS OrderId, count(*)::int AS Approved FROM processor_calls
            WHERE operation = 'capture' AND outcome = 'approved' GROUP BY order_id
            """, cancellationToken);
        var stock = await ReadAsync<StockRow>(system, SystemDatabases.Inventory, """
            SELECT s.product_id AS ProductId, s.on_hand AS OnHand, s.reserved AS Reserved,
                   COALESCE(SUM(l.quantity) FILTER (WHERE r.status = 'committed'), 0) AS Committed,
                   COALESCE(SUM(l.quantity) FILTER (WHERE r.status = 'reserved'), 0) AS Held
            FROM stock s
            LEFT JOIN reservation_lines l ON l.product_id = s.product_id
            LEFT JOIN reservations r ON r.order_id = l.order_id
            GROUP BY s.product_id, s.on_hand, s.reserved
            """, cancellationToken);

        return new InvariantReport(
            orders.Count,
            orders.Count(order => order.Status == "confirmed"),
            orders.Count(order => order.Status == "cancelled"),
            LostOrders(orders),
            await LostEventsAsync(system, cancellationToken),
            OversoldUnits(stock, system.Stock),
            DoubleCharges(orders, payments, captures),
            OpenReservations(orders, reservations),
            OpenAuthorizations(orders, payments));
    }

    private static List<string> LostOrders(IEnumerable<OrderRow> orders) =>
    [
        .. orders.Where(order => order.Status is not ("confirmed" or "cancelled")).Select(order => $"order {order.OrderId} is still {order.Status}"),
        .. orders.Where(order => order.Status == "cancelled" && string.IsNullOrWhiteSpace(order.CancellationReason))
            .Select(order => $"order {order.OrderId} was cancelled without a reason"),
    ];

    private static List<string> OversoldUnits(IEnumerable<StockRow> stock, StockLedger ledger)
    {
        var breaches = new List<string>();
        foreach (var product in stock)
        {
            var had = ledger.Units.GetValueOrDefault(product.ProductId);
            if (product.OnHand + product.Committed != had)
            {
                breaches.Add($"product {product.ProductId}: {product.OnHand} on hand + {product.Committed} sold is not the {had} units it had");
            }

            if (product.Reserved != product.Held)
            {
                breaches.Add($"product {product.ProductId}: {product.Reserved} units counted as reserved, {product.Held} held by reservations");
            }
        }

        return breaches;
    }

    private static List<string> DoubleCharges(
        IEnumerable<OrderRow> orders, Dictionary<Guid, PaymentRow> payments, IEnumerable<CaptureCount> captures)
    {
        var breaches = captures.Where(capture => capture.Approved > 1)
            .Select(capture => $"order {capture.OrderId} was captured {capture.Approved} times at the card network").ToList();
        foreach (var order in orders)
        {
            var payment = payments.GetValueOrDefault(order.OrderId)?.Status;
            if (order.Status == "cancelled" && payment == "captured")
            {
                breaches.Add($"order {order.OrderId} was cancelled but its payment is captured");
            }
        }

        return breaches;
    }

    private static List<string> OpenReservations(IEnumerable<OrderRow> orders, Dictionary<Guid, ReservationRow> reservations)
    {
        var breaches = reservations.Values.Where(reservation => reservation.Status == "reserved")
            .Select(reservation => $"reservation of order {reservation.OrderId} is still held").ToList();
        foreach (var order in orders)
        {
            var reservation = reservations.GetValueOrDefault(order.OrderId)?.Status;
            if (order.Status == "confirmed" && reservation != "committed")
            {
                breaches.Add($"order {order.OrderId} is confirmed but its reservation is {reservation ?? "missing"}");
            }

            if (order.Status == "cancelled" && reservation == "committed")
            {
                breaches.Add($"order {order.OrderId} is cancelled but its stock was committed");
            }
        }

        return breaches;
    }

    private static List<string> OpenAuthorizations(IEnumerable<OrderRow> orders, Dictionary<Guid, PaymentRow> payments)
    {
        var breaches = payments.Values.Where(payment => payment.Status == "authorized")
            .Select(payment => $"payment of order {payment.OrderId} is still authorized").ToList();
        breaches.AddRange(orders
            .Where(order => order.Status == "confirmed" && payments.GetValueOrDefault(order.OrderId)?.Status != "captured")
            .Select(order => $"order {order.OrderId} is confirmed but its payment is {payments.GetValueOrDefault(order.OrderId)?.Status ?? "missing"}"));
        return breaches;
    }

    /// <summary>
    /// Every outbox row sent, and each handled by every consumer that handles its kind of event (which consumers those
    /// are, the inboxes themselves say: a consumer that has handled one event of a kind must have handled them all).
    /// </summary>
    private static async Task<List<string>> LostEventsAsync(FaultMatrixSystem system, CancellationToken cancellationToken)
    {
        var breaches = new List<string>();
        var published = new List<OutboxRow>();
        var handled = new List<InboxRow>();
        foreach (var database in SystemDatabases.WithEvents)
        {
            await using var connection = await SystemDatabases.OpenAsync(system, database, cancellationToken);
            var outbox = (await connection.QueryAsync<OutboxRow>(
                "SELECT id AS Id, event_name AS EventName, sent_at IS NOT NULL AS Sent FROM outbox_messages")).ToList();
            breaches.AddRange(outbox.Where(row => !row.Sent).Select(row => $"{database}: {row.EventName} {row.Id} was never sent"));
            published.AddRange(outbox);
            handled.AddRange((await connection.QueryAsync<(Guid, string, string)>(
                    "SELECT message_id, consumer, event_name FROM inbox_messages"))
                .Select(row => new InboxRow(row.Item1, $"{database}/{row.Item2}", row.Item3)));
        }

        var handledIds = handled.Select(row => (row.MessageId, row.Consumer)).ToHashSet();
        foreach (var (consumer, eventName) in handled.Select(row => (row.Consumer, row.EventName)).Distinct())
        {
            breaches.AddRange(published
                .Where(message => message.Sent && message.EventName == eventName && !handledIds.Contains((message.Id, consumer)))
                .Select(message => $"{eventName} {message.Id} was never handled by {consumer}"));
        }

        return breaches;
    }

    private static async Task<List<T>> ReadAsync<T>(FaultMatrixSystem system, string database, string sql, CancellationToken cancellationToken)
    {
        await using var connection = await SystemDatabases.OpenAsync(system, database, cancellationToken);
        return [.. await connection.QueryAsync<T>(new CommandDefinition(sql, cancellationToken: cancellationToken))];
    }

    private sealed record OrderRow(Guid OrderId, string Status, string? CancellationReason);

    private sealed record ReservationRow(Guid OrderId, string Status);

    private sealed record PaymentRow(Guid OrderId, string Status);

    private sealed record CaptureCount(Guid OrderId, int Approved);

    private sealed record StockRow(int ProductId, int OnHand, int Reserved, long Committed, long Held);

    private sealed record OutboxRow(Guid Id, string EventName, bool Sent);

    private sealed record InboxRow(Guid MessageId, string Consumer, string EventName);
}
