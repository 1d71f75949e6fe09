// Saga latency: from an order's OrderPlaced committed (in Ordering's placing transaction) to the order confirmed (the
// saga's last step, written by Ordering), for 50 orders placed 10 at a time with a 0 s grace period. Everything is
// real and talks over loopback HTTP and AMQP: Catalog, Inventory, Payments, Shipping and Ordering on Kestrel, one
// RabbitMQ virtual host as the bus, the Workflows service (bridge + hosted worker) on the in-process Temporal server.
//
// The baseline, measured in the same run on the same services: the same six participant calls (the saga's activities,
// run in-line one after the other, 10 orders at a time) with no outbox hop, no broker, no bridge and no Temporal. The
// ratio is what durable orchestration costs over the bare calls. Both sides are timed the same way: from the order's
// `ordering.order-placed` fact to its `ordering.order-confirmed` fact in Ordering's timeline, one clock.
//
//   dotnet run -c Release --project bench/SagaLatency [-- orders concurrency]
//
// Uses the servers named by COMMERCE_TEST_POSTGRES / COMMERCE_TEST_RABBITMQ(_MANAGEMENT) when set (as under test.sh),
// else starts throwaway ones from the local binaries.
extern alias temporaltestserver;
extern alias workflows;

using System.Globalization;
using Commerce.Inventory.Contracts;
using Commerce.Shipping.Contracts;
using temporaltestserver::Commerce.Testing.Temporal;
using Temporalio.Testing;
using workflows::Commerce.Workflows.Activities;
using workflows::Commerce.Workflows.Saga;

namespace Commerce.Bench.SagaLatency;

internal static class Benchmark
{
    private const int WarmUp = 10;

    public static async Task Main(string[] args)
    {
        var orders = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 50;
        var concurrency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;

        // WebApplicationFactory finds each service's content root through the manifest beside this program.
        Environment.CurrentDirectory = AppContext.BaseDirectory;

        await using var temporal = await TemporalTestServer.StartAsync(new TemporalTestServerOptions { SearchAttributes = OrderSaga.SearchAttributes });
        await using var system = await CommerceSystem.StartAsync();
        var token = await system.TokenizeApprovedCardAsync();
        await system.AddStockAsync(productId: 1, units: 10 * (orders + WarmUp) * 2);

        // First, before the Workflows service exists: no queue is bound for OrderPlaced yet, so no saga starts for these.
        using var inline = system.InlineActivities();
        await RunAsync(WarmUp, concurrency, async () => await RunInlineAsync(system, inline, await system.PlaceOrderAsync(token)));
        var baseline = await RunAsync(orders, concurrency, async () =>
        {
            var orderId = await system.PlaceOrderAsync(token);
            await RunInlineAsync(system, inline, orderId);
            return await system.PlacedToConfirmedAsync(orderId);
        });

        var worker = await system.StartWorkflowsAsync(temporal.Address);
        await RunAsync(WarmUp, concurrency, async () => await worker.WaitForConfirmationAsync(await system.PlaceOrderAsync(token)));
        var saga = await RunAsync(orders, concurrency, async () =>
        {
            var orderId = await system.PlaceOrderAsync(token);
            await worker.WaitForConfirmationAsync(orderId);
            return await system.PlacedToConfirmedAsync(orderId);
        });

        Console.WriteLine($"orders: {orders} each (after {WarmUp} warm-up), {concurrency} at a time, grace period 0 s, one line per order");
        Console.WriteLine($"baseline  6 activities in-line, no bus, no Temporal:  {Describe(baseline)}");
        Console.WriteLine($"saga      outbox -> broker -> bridge -> OrderSaga:     {Describe(saga)}");
        Console.WriteLine($"ratio     saga / baseline:  median {Percentile(saga, 0.5) / Percentile(baseline, 0.5):F2}, p99 {Percentile(saga, 0.99) / Percentile(baseline, 0.99):F2}");
    }

    /// <summary>What the saga does for a confirmed order, step by step, without the saga.</summary>
    private static async Task RunInlineAsync(CommerceSystem system, InlineActivities activities, Guid orderId)
    {
        // The saga's input is the OrderPlaced event, so the in-line run reads it too (from Ordering's outbox).
        var order = await system.OrderPlacedAsync(orderId);
        var address = order.ShippingAddress;
        var environment = new ActivityEnvironment();
        await environment.RunAsync(() => activities.Inventory.ReserveStockAsync(new ReserveStockInput(
            orderId, order.Lines.Select(line => new ReservationLine(line.ProductId, line.Quantity)).ToArray())));
        await environment.RunAsync(() => activities.Payments.AuthorizePaymentAsync(new AuthorizePaymentInput(orderId, order.PaymentToken, order.Total, order.Currency)));
        await environment.RunAsync(() => activities.Shipping.CreateShipmentAsync(new CreateShipmentInput(
            orderId,
            new ShippingAddress(address.Name, address.Line1, address.Line2, address.City, address.PostalCode, address.Country),
            order.Lines.Select(line => new ShipmentLine(line.ProductId, line.Quantity)).ToArray())));
        await environment.RunAsync(() => activities.Payments.CapturePaymentAsync(orderId));
        await environment.RunAsync(() => activities.Inventory.CommitStockAsync(orderId));
        await environment.RunAsync(() => activities.Ordering.ConfirmOrderAsync(orderId));
    }

    /// <summary>Runs <paramref name="orders"/> at most <paramref name="concurrency"/> at a time; the sorted timings, in ms.</summary>
    private static async Task<List<double>> RunAsync(int orders, int concurrency, Func<Task<TimeSpan>> one)
    {
        using var slots = new SemaphoreSlim(concurrency);
        var timings = await Task.WhenAll(Enumerable.Range(0, orders).Select(async _ =>
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
        return [.. timings.Order()];
    }

    private static Task RunAsync(int orders, int concurrency, Func<Task> one) =>
        RunAsync(orders, concurrency, async () =>
        {
            await one();
            return TimeSpan.Zero;
        });

    private static string Describe(List<double> sorted) =>
        $"median {Percentile(sorted, 0.5),7:F1} ms, p99 {Percentile(sorted, 0.99),7:F1} ms, max {sorted[^1],7:F1} ms";

    private static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(p * sorted.Count) - 1)];
}
