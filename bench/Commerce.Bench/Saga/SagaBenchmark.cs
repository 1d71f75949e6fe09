extern alias temporaltestserver;
extern alias workflows;

using Commerce.Bench.Harness;
using Commerce.Inventory.Contracts;
using Commerce.Shipping.Contracts;
using temporaltestserver::Commerce.Testing.Temporal;
using Temporalio.Testing;
using workflows::Commerce.Workflows.Activities;
using workflows::Commerce.Workflows.Saga;

namespace Commerce.Bench.Saga;

/// <summary>
/// Order placed → confirmed through the whole system, 10 orders at a time with a 0 s grace period: Ordering's outbox,
/// the broker, the Workflows bridge and the OrderSaga on the in-process Temporal server, against the same six
/// participant calls made in-line (the saga's activities, one after the other) with no outbox hop, broker, bridge or
/// Temporal. Both timed alike: from the order's placed fact to its confirmed fact in Ordering's timeline, one clock.
/// </summary>
internal static class SagaBenchmark
{
    private const int Concurrency = 10;

    public static async Task<BenchSection> RunAsync(BenchMode mode)
    {
        await using var temporal = await TemporalTestServer.StartAsync(new TemporalTestServerOptions { SearchAttributes = OrderSaga.SearchAttributes });
        await using var system = await SagaSystem.StartAsync();
        var token = await system.TokenizeApprovedCardAsync();
        await system.AddStockAsync(productId: 1, units: 2 * 2 * (mode.SagaWarmUpOrders + (mode.Runs * mode.SagaOrders)));
        var worker = await system.StartWorkflowsAsync(temporal.Address);
        using var inline = system.InlineActivities();

        async Task<TimeSpan> InlineAsync()
        {
            var orderId = await system.PlaceOrderAsync(OrderPath.Inline, token);
            await RunInlineAsync(system, inline, orderId);
            return await system.PlacedToConfirmedAsync(OrderPath.Inline, orderId);
        }

        async Task<TimeSpan> SagaAsync()
        {
            var orderId = await system.PlaceOrderAsync(OrderPath.Saga, token);
            await worker.WaitForConfirmationAsync(orderId);
            return await system.PlacedToConfirmedAsync(OrderPath.Saga, orderId);
        }

        await RunAsync(mode.SagaWarmUpOrders, InlineAsync);
        await RunAsync(mode.SagaWarmUpOrders, SagaAsync);
        List<Latency> inlineRuns = [], sagaRuns = [];
        for (var run = 1; run <= mode.Runs; run++)
        {
            inlineRuns.Add(Latency.Of(await RunAsync(mode.SagaOrders, InlineAsync)));
            sagaRuns.Add(Latency.Of(await RunAsync(mode.SagaOrders, SagaAsync)));
            Console.WriteLine($"saga run {run}/{mode.Runs}  in-line p50 {inlineRuns[^1].P50,7:F1} ms p99 {inlineRuns[^1].P99,7:F1} ms  " +
                $"saga p50 {sagaRuns[^1].P50,7:F1} ms p99 {sagaRuns[^1].P99,7:F1} ms");
        }

        var generator = $"the bench: {mode.SagaOrders} orders a run through Ordering's API";
        var concurrency = $"{Concurrency} sagas at a time";
        Figure[] figures =
        [
            Figure.Of("saga-placed-to-confirmed-p50", "order placed → confirmed p50 (saga, 0 s grace)", "the same calls in-line p50", "ms",
                [.. sagaRuns.Select(latency => latency.P50)], [.. inlineRuns.Select(latency => latency.P50)], generator, concurrency),
            Figure.Of("saga-placed-to-confirmed-p99", "order placed → confirmed p99 (saga, 0 s grace)", "the same calls in-line p99", "ms",
                [.. sagaRuns.Select(latency => latency.P99)], [.. inlineRuns.Select(latency => latency.P99)], generator, concurrency),
        ];
        MeasuredRow[] rows =
        [
            new("saga: outbox → broker → bridge → OrderSaga → six activities", $"{Concurrency}", null, "",
                Spread.Of(sagaRuns.Select(latency => latency.P50)), Spread.Of(sagaRuns.Select(latency => latency.P99))),
            new("in-line: the six activities called one after the other", $"{Concurrency}", null, "",
                Spread.Of(inlineRuns.Select(latency => latency.P50)), Spread.Of(inlineRuns.Select(latency => latency.P99))),
        ];
        string[] notes =
        [
            "Catalog, Inventory, Payments, Shipping and Ordering run as their real Programs on Kestrel, the Workflows service (bridge and " +
            "worker) on the in-process Temporal server (tests/Commerce.Testing.Temporal). The in-line orders are placed with a second " +
            "Ordering on a virtual host where nothing consumes OrderPlaced, so they start no saga; their six calls are the saga's own " +
            "activity classes, resolved from the worker's registrations, each given the same OrderPlaced the saga would get.",
        ];
        return new BenchSection("Order saga", figures, rows, notes);
    }

    /// <summary>What the saga does for a confirmed order, step by step, without the saga.</summary>
    private static async Task RunInlineAsync(SagaSystem system, InlineActivities activities, Guid orderId)
    {
        var order = await system.OrderPlacedAsync(orderId);
        var address = order.ShippingAddress;
        var environment = new ActivityEnvironment();
        await environment.RunAsync(() => activities.Inventory.ReserveStockAsync(new ReserveStockInput(
            orderId, [.. order.Lines.Select(line => new ReservationLine(line.ProductId, line.Quantity))])));
        await environment.RunAsync(() => activities.Payments.AuthorizePaymentAsync(new AuthorizePaymentInput(orderId, order.PaymentToken, order.Total, order.Currency)));
        await environment.RunAsync(() => activities.Shipping.CreateShipmentAsync(new CreateShipmentInput(
            orderId,
            new ShippingAddress(address.Name, address.Line1, address.Line2, address.City, address.PostalCode, address.Country),
            [.. order.Lines.Select(line => new ShipmentLine(line.ProductId, line.Quantity))])));
        await environment.RunAsync(() => activities.Payments.CapturePaymentAsync(orderId));
        await environment.RunAsync(() => activities.Inventory.CommitStockAsync(orderId));
        await environment.RunAsync(() => activities.Ordering.ConfirmOrderAsync(orderId));
    }

    /// <summary>Runs <paramref name="orders"/> at most <see cref="Concurrency"/> at a time; each one's timing, in ms.</summary>
    private static async Task<double[]> RunAsync(int orders, Func<Task<TimeSpan>> one)
    {
        using var slots = new SemaphoreSlim(Concurrency);
        return await Task.WhenAll(Enumerable.Range(0, orders).Select(async _ =>
        {
            await slots.WaitAsync();
            try
            {
                return (await one()).TotalMilliseconds;
            }
            finally
            {
                slots.Release();
            }
        }));
    }
}
