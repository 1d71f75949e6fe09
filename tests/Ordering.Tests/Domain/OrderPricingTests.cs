using Commerce.Catalog.Contracts;
using Commerce.Ordering.Api.Domain;
using Commerce.Ordering.Contracts;

namespace Commerce.Ordering.Tests.Domain;

public sealed class OrderPricingTests
{
    [Fact]
    public void Lines_take_the_catalogs_names_and_prices_and_add_up_to_the_total()
    {
        var pricing = OrderPricing.Price([new(1, 2), new(2, 3)], [Product(1, "Beans", 14.50m), Product(2, "Tea", 8.75m)]);

        Assert.NotNull(pricing.Order);
        Assert.Equal([new OrderLine(1, "Beans", 14.50m, 2), new OrderLine(2, "Tea", 8.75m, 3)], pricing.Order.Lines);
        Assert.Equal(55.25m, pricing.Order.Total);
        Assert.Equal("USD", pricing.Order.Currency);
    }

    [Fact]
    public void Products_the_catalog_does_not_have_are_named_and_nothing_is_priced()
    {
        var pricing = OrderPricing.Price([new(1, 1), new(7, 1), new(9, 1)], [Product(1, "Beans", 14.50m)]);

        Assert.Null(pricing.Order);
        Assert.Equal([7, 9], pricing.UnknownProductIds);
    }

    [Fact]
    public void Products_in_different_currencies_cannot_be_one_order()
    {
        var pricing = OrderPricing.Price([new(1, 1), new(2, 1)], [Product(1, "Beans", 14.50m), Product(2, "Tea", 8.75m) with { Currency = "EUR" }]);

        Assert.Null(pricing.Order);
        Assert.Equal(["USD", "EUR"], pricing.Currencies);
    }

    [Fact]
    public void The_same_request_has_the_same_fingerprint_and_any_change_another()
    {
        var request = Orders.Request((1, 2), (2, 1));

        Assert.Equal(RequestFingerprint.Of(request), RequestFingerprint.Of(Orders.Request((1, 2), (2, 1))));
        Assert.NotEqual(RequestFingerprint.Of(request), RequestFingerprint.Of(Orders.Request((1, 2), (2, 2))));
        Assert.NotEqual(RequestFingerprint.Of(request), RequestFingerprint.Of(request with { ShippingAddress = request.ShippingAddress with { City = "Paris" } }));
        Assert.NotEqual(RequestFingerprint.Of(request), RequestFingerprint.Of(request with { PaymentToken = "tok_ffffffffffffffffffffffffffffffff" }));
    }

    private static ProductDto Product(int id, string name, decimal price) =>
        new(id, $"SKU-{id}", name, "", 1, "Coffee", price, "USD", "", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
}
