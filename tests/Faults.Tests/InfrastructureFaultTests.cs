using Commerce.Bff.Web.Client.Screens;

namespace Commerce.Faults.Tests;

/// <summary>The servers and the worker going away under the saga: stopped, restarted, killed.</summary>
public sealed class InfrastructureFaultTests(FaultMatrixSystem system) : MatrixTest(system)
{
    /// <summary>Long enough for every outbox to try, fail and try again, and for consumers to notice the broker gone.</summary>
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task The_broker_stopped_while_orders_are_placed_delays_their_events_and_loses_none()
    {
        await Control.StopAsync("eventbus");
        Guid[] orderIds;
        try
        {
            // Checkout needs no broker: each order and its OrderPlaced are one transaction in Ordering's database.
            orderIds = await PlaceOrdersAsync(3);
            await Task.Delay(Outage, Cancellation);
        }
        finally
        {
            await Control.StartAsync("eventbus");
        }

        var outcomes = await WaitForOutcomesAsync(orderIds);

        Assert.All(outcomes, outcome => Assert.Equal(OrderStatuses.Confirmed, outcome.Status));
        await EndWithInvariantsAsync($"broker stopped while 3 orders were placed ({Outage.TotalSeconds:0} s)", Describe(outcomes));
    }

    [Fact]
    public async Task PostgreSQL_restarted_mid_saga_loses_no_order()
    {
        var orderIds = await PlaceOrdersAsync(3);
        await WaitUntilMidSagaAsync(orderIds[0]);

        await Control.RestartAsync("postgres");
        var outcomes = await WaitForOutcomesAsync(orderIds);

        Assert.All(outcomes, outcome => Assert.Equal(OrderStatuses.Confirmed, outcome.Status));
        await EndWithInvariantsAsync("PostgreSQL restarted mid-saga (every service's database at once)", Describe(outcomes));
    }

    [Fact]
    public async Task The_worker_killed_mid_saga_and_started_again_finishes_every_saga()
    {
        var orderIds = await PlaceOrdersAsync(3);
        await WaitUntilMidSagaAsync(orderIds[0]);

        await Control.KillAsync("workflows");
        await Control.StartAsync("workflows");
        var outcomes = await WaitForOutcomesAsync(orderIds);

        Assert.All(outcomes, outcome => Assert.Equal(OrderStatuses.Confirmed, outcome.Status));
        await EndWithInvariantsAsync("worker killed (SIGKILL) mid-saga, then started again", Describe(outcomes));
    }
}
