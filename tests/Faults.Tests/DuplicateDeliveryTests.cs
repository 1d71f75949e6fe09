using System.Net;
using System.Net.Http.Json;
using Commerce.Bff.Web.Client.Screens;
using Commerce.Faults.Tests.Invariants;
using Dapper;

namespace Commerce.Faults.Tests;

/// <summary>At-least-once, seen from both ends: a browser that sends its checkout again, and a broker that delivers again.</summary>
public sealed class DuplicateDeliveryTests(FaultMatrixSystem system) : MatrixTest(system)
{
    [Fact]
    public async Task The_same_checkout_sent_five_times_at_once_and_once_more_later_places_one_order()
    {
        var shopper = await System.ShopperAsync();
        var request = await shopper.CheckoutRequestAsync([new CartItem(2, 1)], await System.ApprovedCardAsync());
        var key = Guid.NewGuid().ToString("N");

        var answers = (await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => shopper.CheckoutAsync(request, key)))).ToList();
        answers.Add(await shopper.CheckoutAsync(request, key));
        var orderIds = new HashSet<Guid>();
        foreach (var answer in answers)
        {
            Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
            orderIds.Add((await answer.Content.ReadFromJsonAsync<OrderScreen>(Cancellation))!.OrderId);
            answer.Dispose();
        }

        var orderId = Assert.Single(orderIds);
        await using var ordering = await SystemDatabases.OpenAsync(System, SystemDatabases.Ordering, Cancellation);
        Assert.Equal(1, await ordering.ExecuteScalarAsync<int>(
            "SELECT count(*)::int FROM idempotency_keys WHERE idempotency_key = @key", new { key }));
        var outcome = await WaitForOutcomeAsync(orderId);
        await EndWithInvariantsAsync("duplicate checkout (one Idempotency-Key, 5 at once + 1 later)", $"6 × 201 naming one order; {Describe([outcome])}");
    }

    [Fact]
    public async Task Every_event_of_finished_orders_delivered_again_is_handled_once()
    {
        var orderIds = await PlaceOrdersAsync(3);
        var outcomes = await WaitForOutcomesAsync(orderIds);
        var settled = await InvariantCheck.SettleAsync(System, TimeSpan.FromMinutes(2), Cancellation);
        Assert.True(settled.Holds, settled.Details);
        var before = await EffectsAsync(orderIds);

        // As if each publish's confirm had been lost: every outbox sends every event about these orders again, with the
        // same message id, after each consumer has handled it.
        var again = 0;
        foreach (var database in SystemDatabases.WithEvents)
        {
            await using var connection = await SystemDatabases.OpenAsync(System, database, Cancellation);
            again += await connection.ExecuteAsync(
                "UPDATE outbox_messages SET sent_at = NULL WHERE payload->>'orderId' = ANY(@ids)",
                new { ids = orderIds.Select(id => id.ToString()).ToArray() });
        }

        Assert.True(again >= 3 * 5, $"only {again} events about the orders were found to send again");
        // An order placed after them is confirmed only once the consumers are past the duplicates ahead of it in their queues.
        var canary = await WaitForOutcomeAsync((await PlaceOrdersAsync(1)).Single());
        Assert.Equal(OrderStatuses.Confirmed, canary.Status);
        var resettled = await InvariantCheck.SettleAsync(System, TimeSpan.FromMinutes(2), Cancellation);
        Assert.True(resettled.Holds, resettled.Details);

        Assert.Equal(before, await EffectsAsync(orderIds));
        await EndWithInvariantsAsync(
            "duplicate messages (every event of 3 finished orders published again)",
            $"{again} events delivered again, none handled twice: {before}; {Describe(outcomes)}");
    }

    /// <summary>Everything an event about these orders leads to, counted: a second handling of any would add to it.</summary>
    private async Task<Effects> EffectsAsync(Guid[] orderIds)
    {
        await using var notifications = await SystemDatabases.OpenAsync(System, "notificationsdb", Cancellation);
        await using var ordering = await SystemDatabases.OpenAsync(System, SystemDatabases.Ordering, Cancellation);
        await using var payments = await SystemDatabases.OpenAsync(System, SystemDatabases.Payments, Cancellation);
        var ids = new { orderIds };
        return new Effects(
            Notifications: await notifications.ExecuteScalarAsync<int>("SELECT count(*)::int FROM notifications WHERE order_id = ANY(@orderIds)", ids),
            TimelineEntries: await ordering.ExecuteScalarAsync<int>("SELECT count(*)::int FROM order_timeline WHERE order_id = ANY(@orderIds)", ids),
            CardNetworkCalls: await payments.ExecuteScalarAsync<int>("SELECT count(*)::int FROM processor_calls WHERE order_id = ANY(@orderIds)", ids));
    }

    private sealed record Effects(int Notifications, int TimelineEntries, int CardNetworkCalls)
    {
        public override string ToString() =>
            $"{Notifications} notifications, {TimelineEntries} timeline entries, {CardNetworkCalls} card-network calls";
    }
}
