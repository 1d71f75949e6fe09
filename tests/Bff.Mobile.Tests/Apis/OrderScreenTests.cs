using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Commerce.Bff.Mobile.Client;

namespace Commerce.Bff.Mobile.Tests.Apis;

public sealed class OrderScreenTests(Downstream downstream)
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task My_orders_are_rows_newest_first_in_the_contract_shape()
    {
        await using var bff = new MobileBffFactory(downstream);
        using var customer = await bff.SignInAsync();
        var older = await downstream.PlaceOrderAsync(customer.CustomerId);
        var newer = await downstream.PlaceOrderAsync(customer.CustomerId);

        var json = await customer.Http.GetStringAsync("/api/orders", Cancellation);

        ContractShape.AssertMatches<OrdersScreen>(json);
        var screen = JsonSerializer.Deserialize<OrdersScreen>(json, JsonSerializerOptions.Web)!;
        Assert.Equal([newer.OrderId, older.OrderId], screen.Items.Select(row => row.Id));
        Assert.All(screen.Items, row => Assert.Equal((OrderStates.Pending, 1), (row.Status, row.Items)));
        Assert.Equal(newer.Reference, screen.Items[0].Reference);
    }

    [Fact]
    public async Task An_order_is_its_lines_steps_and_timeline_in_the_contract_shape()
    {
        await using var bff = new MobileBffFactory(downstream);
        using var customer = await bff.SignInAsync();
        var placed = await downstream.PlaceOrderAsync(customer.CustomerId);

        var json = await customer.Http.GetStringAsync($"/api/orders/{placed.OrderId}", Cancellation);

        ContractShape.AssertMatches<OrderScreen>(json);
        var screen = JsonSerializer.Deserialize<OrderScreen>(json, JsonSerializerOptions.Web)!;
        Assert.Equal((placed.Reference, placed.Total, OrderStates.Pending, true), (screen.Reference, screen.Total, screen.Status, screen.CanCancel));
        Assert.Equal([(placed.Lines[0].ProductName, 1)], screen.Lines.Select(line => (line.Name, line.Quantity)));
        Assert.Equal(new OrderSteps("pending", "pending", "pending"), screen.Steps);
        Assert.NotEmpty(screen.Timeline);
    }

    [Fact]
    public async Task Another_customers_order_is_a_404_to_read_and_to_cancel_and_stays_as_it_was()
    {
        await using var bff = new MobileBffFactory(downstream);
        using var owner = await bff.SignInAsync();
        using var stranger = await bff.SignInAsync();
        var placed = await downstream.PlaceOrderAsync(owner.CustomerId);

        using var read = await stranger.Http.GetAsync($"/api/orders/{placed.OrderId}", Cancellation);
        using var cancel = await stranger.Http.PostAsJsonAsync($"/api/orders/{placed.OrderId}/cancellation", new CancelOrderRequest("Not mine"), Cancellation);
        var strangersOrders = (await stranger.Api.GetOrdersAsync(cancellationToken: Cancellation)).Content!;

        foreach (var response in new[] { read, cancel })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain(placed.Reference, await response.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        }

        Assert.Empty(strangersOrders.Items);
        var untouched = (await owner.Api.GetOrderAsync(placed.OrderId, cancellationToken: Cancellation)).Content!;
        Assert.Equal(OrderStates.Pending, untouched.Status);
    }

    [Fact]
    public async Task Asking_to_cancel_an_order_is_a_202_with_the_order_as_it_now_stands()
    {
        await using var bff = new MobileBffFactory(downstream);
        using var customer = await bff.SignInAsync();
        var placed = await downstream.PlaceOrderAsync(customer.CustomerId);

        var response = await customer.Api.RequestCancellationAsync(placed.OrderId, new CancelOrderRequest("Ordered the wrong size"), Cancellation);

        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {response.ErrorBody()}");
        Assert.Equal(placed.OrderId, response.Content!.Id);
        // No saga runs here to decide: the request stands, and the order can be asked no more.
        Assert.Equal((OrderStates.CancellationRequested, false), (response.Content.Status, response.Content.CanCancel));
    }
}
