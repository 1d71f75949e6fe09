using Commerce.Bff.Web.Client.Screens;

namespace Commerce.Faults.Tests;

/// <summary>A participant that fails for a while, through its own fault switches: the saga waits it out, never doubling what it did.</summary>
public sealed class ParticipantFaultTests(FaultMatrixSystem system) : MatrixTest(system)
{
    [Fact]
    public async Task Inventory_answering_503_for_30_seconds_delays_the_orders_and_loses_none()
    {
        await Faults.SetAsync("inventory", "unavailable", new { path = "/**", errorRate = 1.0, status = 503, @for = TimeSpan.FromSeconds(30) });
        try
        {
            var orderIds = await PlaceOrdersAsync(3);
            var outcomes = await WaitForOutcomesAsync(orderIds);

            Assert.All(outcomes, outcome => Assert.Equal(OrderStatuses.Confirmed, outcome.Status));
            var attempts = await Task.WhenAll(orderIds.Select(id => AttemptsAsync(id, "ReserveStock")));
            // Each saga met the 503s: it reserved only on a retry after the window closed.
            Assert.All(attempts, attempt => Assert.True(attempt > 1, $"ReserveStock succeeded at attempt {attempt}"));
            await EndWithInvariantsAsync(
                "Inventory answering 503 for 30 s (fault switch: every path, error rate 1)",
                $"{Describe(outcomes)}; ReserveStock took {attempts.Min()}–{attempts.Max()} attempts");
        }
        finally
        {
            await Faults.ClearAsync("inventory");
        }
    }

    [Fact]
    public async Task Payments_timing_out_is_retried_and_each_order_is_charged_once()
    {
        // Longer than the activity's HTTP timeout (25 s): the first authorization attempt gives up on its call while
        // Payments is still working on it; the retry after the window is answered at once, for the same order id.
        await Faults.SetAsync("payments", "slow-authorize", new { method = "PUT", path = "/payments/*", latency = TimeSpan.FromSeconds(27), @for = TimeSpan.FromSeconds(20) });
        try
        {
            var orderIds = await PlaceOrdersAsync(2);
            var outcomes = await WaitForOutcomesAsync(orderIds);

            Assert.All(outcomes, outcome => Assert.Equal(OrderStatuses.Confirmed, outcome.Status));
            var attempts = await Task.WhenAll(orderIds.Select(id => AttemptsAsync(id, "AuthorizePayment")));
            Assert.All(attempts, attempt => Assert.True(attempt > 1, $"AuthorizePayment succeeded at attempt {attempt}"));
            await EndWithInvariantsAsync(
                "Payments timing out (fault switch: authorize 27 s late for 20 s; the call gives up at 25 s)",
                $"{Describe(outcomes)}; AuthorizePayment took {attempts.Min()}–{attempts.Max()} attempts");
        }
        finally
        {
            await Faults.ClearAsync("payments");
        }
    }
}
