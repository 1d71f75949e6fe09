using Commerce.Bff.Web.Client.Screens;
using Commerce.Faults.Tests.Invariants;
using Commerce.Workflows.Saga;
using Dapper;
using Temporalio.Exceptions;

namespace Commerce.Faults.Tests;

/// <summary>
/// The Temporal server restarted under running sagas. A real server keeps its state in its database, so its sagas
/// go on where they were. The in-process server here keeps none (tests/Commerce.Testing.Temporal/README.md): what
/// happens then is measured, not assumed — the sagas in flight are gone, their orders stay pending — and so is the way
/// back: the order's OrderPlaced delivered once more starts its saga again, which every participant's idempotency on
/// the order id makes safe to run from the start.
/// </summary>
public sealed class TemporalServerRestartTests(FaultMatrixSystem system) : MatrixTest(system)
{
    /// <summary>Several grace periods: a saga still on the server would have ended by then.</summary>
    private static readonly TimeSpan LongerThanASaga = TimeSpan.FromSeconds(20);

    private const string OrderPlacedEvent = "ordering.order-placed";

    [Fact]
    public async Task The_in_process_server_killed_and_started_again_loses_the_sagas_in_flight_and_the_replayed_order_placed_runs_them_again()
    {
        var inFlight = await PlaceOrdersAsync(2);
        await Task.WhenAll(inFlight.Select(WaitUntilMidSagaAsync));

        // As a crash would restart it: the in-process server loses its state however it stops.
        await Control.KillAsync("temporal");
        await Control.StartAsync("temporal");
        // The worker's health includes its connection to the server.
        await Control.WaitUntilHealthyAsync("workflows");

        var temporal = await System.TemporalAsync();
        foreach (var orderId in inFlight)
        {
            await Assert.ThrowsAsync<RpcException>(() => temporal.GetWorkflowHandle(OrderSaga.WorkflowIdFor(orderId)).DescribeAsync());
        }

        await Task.Delay(LongerThanASaga, Cancellation);
        var stranded = await Task.WhenAll(inFlight.Select(ReadOutcomeAsync));
        Assert.All(stranded, outcome => Assert.Equal(OrderStatuses.Pending, outcome.Status));

        // A saga started after the restart runs as before (the worker found the server and its search attributes again).
        var afterRestart = await WaitForOutcomeAsync((await PlaceOrdersAsync(1)).Single());
        Assert.Equal(OrderStatuses.Confirmed, afterRestart.Status);

        await ReplayOrderPlacedAsync(inFlight);
        var outcomes = await WaitForOutcomesAsync(inFlight);

        Assert.All(outcomes, outcome => Assert.Equal(OrderStatuses.Confirmed, outcome.Status));
        await EndWithInvariantsAsync(
            "Temporal server killed and started again with 2 sagas in flight (the in-process server, which keeps no state)",
            $"both sagas lost with the server (not found; orders still pending {LongerThanASaga.TotalSeconds:0} s later); " +
            $"a new order after the restart: {Describe([afterRestart])}; their OrderPlaced replayed: {Describe(outcomes)}");
    }

    /// <summary>
    /// The operator's way back after a server lost its state: the bridge forgets it handled each order's OrderPlaced
    /// and Ordering's outbox sends it again, so the bridge starts the saga as it did the first time.
    /// </summary>
    private async Task ReplayOrderPlacedAsync(Guid[] orderIds)
    {
        var ids = orderIds.Select(id => id.ToString()).ToArray();
        await using var ordering = await SystemDatabases.OpenAsync(System, SystemDatabases.Ordering, Cancellation);
        var messageIds = (await ordering.QueryAsync<Guid>(
            "SELECT id FROM outbox_messages WHERE event_name = @OrderPlacedEvent AND payload->>'orderId' = ANY(@ids)",
            new { OrderPlacedEvent, ids })).ToArray();
        Assert.Equal(orderIds.Length, messageIds.Length);

        await using var workflows = await SystemDatabases.OpenAsync(System, "workflowsdb", Cancellation);
        Assert.Equal(orderIds.Length, await workflows.ExecuteAsync(
            "DELETE FROM inbox_messages WHERE message_id = ANY(@messageIds)", new { messageIds }));
        await ordering.ExecuteAsync("UPDATE outbox_messages SET sent_at = NULL WHERE id = ANY(@messageIds)", new { messageIds });
    }
}
