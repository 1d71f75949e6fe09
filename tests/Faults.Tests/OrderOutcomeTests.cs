using System.Net;
using Commerce.Bff.Web.Client.Screens;
using Commerce.Workflows.Saga;

namespace Commerce.Faults.Tests;

/// <summary>The faults that are the customer's or the world's: a declined card, an address nobody delivers to, stock that runs out, a change of mind, an operator.</summary>
public sealed class OrderOutcomeTests(FaultMatrixSystem system) : MatrixTest(system)
{
    /// <summary>Out of stock in the demo catalog (every 20th product), so only the test's restock decides how many units it has.</summary>
    private const int ContestedProduct = 240;

    [Fact]
    public async Task A_declined_payment_cancels_the_order_with_the_reason_and_releases_its_stock()
    {
        var shopper = await System.ShopperAsync();
        var declined = await shopper.SaveCardAsync(WebShopper.DeclinedCard);

        var outcome = await WaitForOutcomeAsync((await PlaceOrdersAsync(1, cardToken: declined)).Single());

        Assert.Equal(OrderStatuses.Cancelled, outcome.Status);
        Assert.Equal(SagaReasons.PaymentDeclined, outcome.Reason);
        await EndWithInvariantsAsync("payment declined (test card 4000 0000 0000 0002)", Describe([outcome]));
    }

    [Fact]
    public async Task An_undeliverable_address_is_refused_at_checkout_and_places_nothing()
    {
        var shopper = await System.ShopperAsync();
        var before = await CountOrdersAsync();
        var request = await shopper.CheckoutRequestAsync([new CartItem(1, 1)], await System.ApprovedCardAsync(), WebShopper.Undeliverable);

        using var refused = await shopper.CheckoutAsync(request, Guid.NewGuid().ToString("N"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("shippingAddress.country", await refused.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        Assert.Equal(before, await CountOrdersAsync());
        await EndWithInvariantsAsync("undeliverable address (country KP)", "checkout refused with 422 address-undeliverable naming shippingAddress.country; no order placed");
    }

    [Fact]
    public async Task Fifty_concurrent_orders_for_ten_units_confirm_ten_and_cancel_forty_as_out_of_stock()
    {
        await System.Stock.RestockAsync(ContestedProduct, onHand: 10, Cancellation);
        var askedAgainBefore = (await System.ShopperAsync()).CheckoutsAskedAgain;

        var outcomes = await WaitForOutcomesAsync(await PlaceOrdersAsync(50, ContestedProduct));
        var askedAgain = (await System.ShopperAsync()).CheckoutsAskedAgain - askedAgainBefore;

        Assert.Equal(10, outcomes.Count(outcome => outcome.Status == OrderStatuses.Confirmed));
        Assert.All(outcomes.Where(outcome => outcome.Status != OrderStatuses.Confirmed), outcome =>
            Assert.Equal((OrderStatuses.Cancelled, SagaReasons.OutOfStock), (outcome.Status, outcome.Reason)));
        await EndWithInvariantsAsync(
            "50 concurrent orders for 10 units",
            $"{Describe(outcomes)}; {askedAgain} checkouts asked again after a 503 + Retry-After (the BFF's Catalog budget ran out under the burst)");
    }

    [Fact]
    public async Task A_customer_who_cancels_mid_saga_gets_the_payment_voided_and_the_stock_released()
    {
        var shopper = await System.ShopperAsync();
        var orderId = (await PlaceOrdersAsync(1)).Single();
        await WaitUntilMidSagaAsync(orderId);

        using var cancel = await shopper.RequestCancellationAsync(orderId);
        Assert.True(cancel.IsSuccessStatusCode, $"cancel: {(int)cancel.StatusCode} {await cancel.Content.ReadAsStringAsync(Cancellation)}");
        var outcome = await WaitForOutcomeAsync(orderId);

        Assert.Equal(OrderStatuses.Cancelled, outcome.Status);
        var screen = await shopper.GetOrderAsync(orderId);
        Assert.Contains(screen.Timeline, item => item.IsCompensation);
        await EndWithInvariantsAsync("customer cancels mid-saga (stock reserved, payment authorized)", $"{Describe([outcome])}; compensations on the timeline");
    }

    [Fact]
    public async Task An_operator_cancelling_the_saga_in_Temporal_cancels_the_order_with_every_step_undone()
    {
        var orderId = (await PlaceOrdersAsync(1)).Single();
        await WaitUntilMidSagaAsync(orderId);

        var temporal = await System.TemporalAsync();
        await temporal.GetWorkflowHandle(OrderSaga.WorkflowIdFor(orderId)).CancelAsync();
        var outcome = await WaitForOutcomeAsync(orderId);

        Assert.Equal((OrderStatuses.Cancelled, SagaReasons.CancelledByOperator), (outcome.Status, outcome.Reason));
        await EndWithInvariantsAsync("cancel issued through Temporal (workflow cancel mid-saga)", Describe([outcome]));
    }

    private async Task<long> CountOrdersAsync()
    {
        await using var ordering = await Invariants.SystemDatabases.OpenAsync(System, Invariants.SystemDatabases.Ordering, Cancellation);
        await using var count = new Npgsql.NpgsqlCommand("SELECT count(*) FROM orders", ordering);
        return (long)(await count.ExecuteScalarAsync(Cancellation))!;
    }
}
