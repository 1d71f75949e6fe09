using Commerce.Ordering.Contracts;
using Commerce.Shipping.Contracts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Refit;

namespace Commerce.Bff.Shared;

/// <summary>
/// A checkout as any BFF receives it: the cart, where it goes (Shipping's terms), the card token and the total the
/// customer was shown, which must still hold so that nobody pays what they did not see.
/// </summary>
public sealed record CheckoutOrder(
    string CustomerId,
    string IdempotencyKey,
    IReadOnlyList<CartQuantity> Items,
    ShippingAddress Address,
    string PaymentToken,
    decimal ExpectedTotal);

/// <summary>What a checkout came to; each BFF answers each case in its own shapes.</summary>
public abstract record CheckoutOutcome
{
    /// <summary>Ordering placed the order (or had placed it for the same Idempotency-Key).</summary>
    public sealed record Placed(OrderDto Order) : CheckoutOutcome;

    /// <summary>Catalog's total is not the expected one; nothing was ordered. <see cref="Cart"/> is the cart repriced.</summary>
    public sealed record PriceChanged(PricedCart Cart, decimal ExpectedTotal) : CheckoutOutcome;

    /// <summary>Catalog no longer sells these products.</summary>
    public sealed record UnknownProducts(IReadOnlyList<int> ProductIds) : CheckoutOutcome;

    /// <summary>The carrier does not deliver there; <see cref="AddressField"/> as in <see cref="AddressCheckOutcome.Undeliverable"/>.</summary>
    public sealed record AddressUndeliverable(string AddressField, string Detail) : CheckoutOutcome;

    public sealed record MixedCurrencies(IReadOnlyList<string> Currencies) : CheckoutOutcome;

    /// <summary>Ordering refused the order (a 4xx): pass it on with <see cref="PassedOnRefusal"/>, renaming its fields.</summary>
    public sealed record RefusedByOrdering(ApiException Refusal) : CheckoutOutcome;

    /// <summary>Catalog could not price the cart: 503.</summary>
    public sealed record CatalogUnavailable : CheckoutOutcome;

    /// <summary>Ordering could not place the order: 503; a retry with the same Idempotency-Key is safe.</summary>
    public sealed record OrderingUnavailable : CheckoutOutcome;
}

/// <summary>
/// Places a checkout: Catalog re-prices the cart while Shipping checks the address (both at once), then Ordering places
/// the order with the Idempotency-Key. Without Shipping the order goes on (Ordering applies the carrier's rules); the
/// refusals come in the order a customer can act on them: what is no longer sold, where it cannot go, what it costs now.
/// </summary>
public sealed class CheckoutPlacement(
    CartPricer pricer,
    AddressCheck addresses,
    IOrderingApi ordering,
    IOptions<BffTimeouts> timeouts,
    ILogger<CheckoutPlacement> logger)
{
    public async Task<CheckoutOutcome> PlaceAsync(CheckoutOrder checkout, CancellationToken cancellationToken)
    {
        var pricing = pricer.PriceAsync(checkout.Items, cancellationToken);
        var address = addresses.CheckAsync(
            checkout.Address, [.. checkout.Items.Select(item => new ShipmentLine(item.ProductId, item.Quantity))], cancellationToken);
        await Task.WhenAll(pricing, address);

        PricedCart cart;
        switch (await pricing)
        {
            case CartPricingOutcome.Priced priced:
                cart = priced.Cart;
                break;
            case CartPricingOutcome.MixedCurrencies mixed:
                return new CheckoutOutcome.MixedCurrencies(mixed.Currencies);
            default:
                return new CheckoutOutcome.CatalogUnavailable();
        }

        if (cart.UnknownProductIds.Count > 0)
        {
            return new CheckoutOutcome.UnknownProducts(cart.UnknownProductIds);
        }

        if (await address is AddressCheckOutcome.Undeliverable undeliverable)
        {
            return new CheckoutOutcome.AddressUndeliverable(undeliverable.AddressField, undeliverable.Detail);
        }

        if (cart.Total != checkout.ExpectedTotal)
        {
            return new CheckoutOutcome.PriceChanged(cart, checkout.ExpectedTotal);
        }

        return await PlaceOrderAsync(checkout, cancellationToken);
    }

    private async Task<CheckoutOutcome> PlaceOrderAsync(CheckoutOrder checkout, CancellationToken cancellationToken)
    {
        var address = checkout.Address;
        // Lines without prices: Ordering asks Catalog itself, so what the order costs never comes from the client.
        var order = new PlaceOrderRequest(
            [.. checkout.Items.Select(item => new PlaceOrderLine(item.ProductId, item.Quantity))],
            new OrderAddress(address.RecipientName, address.Line1, address.Line2, address.City, address.PostalCode, address.Country),
            checkout.PaymentToken);
        try
        {
            var response = await DownstreamFaults.WithinAsync(
                timeouts.Value.PlaceOrder,
                token => ordering.PlaceOrderAsync(checkout.CustomerId, checkout.IdempotencyKey, order, token),
                cancellationToken);
            if (response is { IsSuccessStatusCode: true, Content: { } placed })
            {
                return new CheckoutOutcome.Placed(placed);
            }

            if (response is { StatusCode: >= System.Net.HttpStatusCode.BadRequest and < System.Net.HttpStatusCode.InternalServerError, Error: ApiException refusal })
            {
                return new CheckoutOutcome.RefusedByOrdering(refusal);
            }

            logger.LogWarning(response.Error, "Ordering answered {StatusCode} to a checkout", (int?)response.StatusCode);
        }
        catch (Exception exception) when (DownstreamFaults.IsUnavailable(exception, cancellationToken))
        {
            logger.LogWarning(exception, "Ordering could not place an order");
        }

        return new CheckoutOutcome.OrderingUnavailable();
    }
}
