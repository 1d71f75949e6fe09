using Commerce.Bff.Mobile.Client;
using Commerce.Bff.Mobile.Edge;
using Commerce.Bff.Mobile.Screens;
using Commerce.Ordering.Contracts;
using Commerce.Payments.Contracts;
using Commerce.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Refit;

namespace Commerce.Bff.Mobile.Apis;

public static class CheckoutApi
{
    public static RouteGroupBuilder MapCheckoutApi(this RouteGroupBuilder api)
    {
        var checkout = api.MapGroup("").WithTags("Checkout").RequireAuthorization();

        checkout.MapPost("/payment-cards", SaveCardAsync)
            .WithName("SaveCard")
            .WithSummary("Exchange card details for a Payments token to check out with")
            .WithDescription(
                "The details go to Payments and nowhere else: the BFF neither keeps nor logs them. Payments' field errors " +
                "come back as a 400 naming the field; 503 with Retry-After while Payments is unavailable.")
            .WithValidation<SaveCardRequest>()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        checkout.MapPost("/checkout", CheckoutAsync)
            .WithName("Checkout")
            .WithSummary("Place the cart as an order, priced by Catalog, to an address Shipping delivers to")
            .WithDescription(
                "Catalog re-prices the cart while Shipping checks the address. 409 price-changed with the repriced cart in cart " +
                "when Catalog's total is not expectedTotal; 422 address-undeliverable whose field names the part of the address; " +
                "400 unknown-products; 422 idempotency-key-reused. Without Shipping the order goes on (Ordering applies the " +
                "carrier's rules); without Catalog or Ordering, 503 with Retry-After. The same Idempotency-Key again answers the same order.")
            .RequireIdempotencyKey()
            .WithValidation<CheckoutRequest>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return checkout;
    }

    public static async Task<Results<Created<SavedCard>, ValidationProblem, ProblemHttpResult>> SaveCardAsync(
        SaveCardRequest request, [AsParameters] CheckoutServices services, CancellationToken cancellationToken)
    {
        try
        {
            var response = await Downstream.WithinAsync(
                services.Timeouts.Value.Payments,
                token => services.Payments.TokenizeCardAsync(new TokenizeCardRequest(request.Number, request.ExpiryMonth, request.ExpiryYear, request.Cvc), token),
                cancellationToken);
            if (response is { IsSuccessStatusCode: true, Content: { } card })
            {
                return TypedResults.Created((string?)null, new SavedCard(card.Token, card.Brand, card.Last4));
            }

            if (response is { StatusCode: >= System.Net.HttpStatusCode.BadRequest and < System.Net.HttpStatusCode.InternalServerError, Error: ApiException refusal })
            {
                return await PassedOnRefusal.FromAsync<Created<SavedCard>>(refusal);
            }

            // The status and the kind of fault only: Refit's exceptions carry the request, which held the card.
            services.Logger.LogWarning("Payments answered {StatusCode} ({Fault}) to a tokenization", (int?)response.StatusCode, response.Error?.GetType().Name);
        }
        catch (Exception exception) when (Downstream.IsUnavailable(exception, cancellationToken))
        {
            services.Logger.LogWarning("Payments could not tokenize a card ({Fault})", exception.GetType().Name);
        }

        return ScreenResults.Unavailable(services.Context, "Payments");
    }

    public static async Task<Results<Created<PlacedOrder>, ValidationProblem, ProblemHttpResult>> CheckoutAsync(
        CheckoutRequest request,
        [FromHeader(Name = MobileHeaders.IdempotencyKey)] string? idempotencyKey,
        [AsParameters] CheckoutServices services,
        CartPricing pricing,
        AddressCheck addresses,
        CancellationToken cancellationToken)
    {
        var priced = pricing.PriceAsync(request.Items, cancellationToken);
        var address = addresses.CheckAsync(request.Address, request.Items, cancellationToken);
        await Task.WhenAll(priced, address);

        CartScreen cart;
        switch (await priced)
        {
            case CartPricingOutcome.Priced { Cart: var repriced }:
                cart = repriced;
                break;
            case CartPricingOutcome.MixedCurrencies mixed:
                return CartApi.MixedCurrencies(mixed.Currencies);
            default:
                return ScreenResults.Unavailable(services.Context, "Catalog");
        }

        if (cart.Gone is { Count: > 0 } gone)
        {
            return CheckoutProblems.UnknownProducts(gone);
        }

        if (await address is AddressCheckOutcome.Undeliverable undeliverable)
        {
            return CheckoutProblems.AddressUndeliverable(undeliverable.Field, undeliverable.Detail);
        }

        if (cart.Total != request.ExpectedTotal)
        {
            return CheckoutProblems.PriceChanged(cart, request.ExpectedTotal);
        }

        // RequireIdempotencyKey has refused a request without one; optional here only so that its 400 is the one that answers.
        return await PlaceOrderAsync(request, idempotencyKey!, services, cancellationToken);
    }

    private static async Task<Results<Created<PlacedOrder>, ValidationProblem, ProblemHttpResult>> PlaceOrderAsync(
        CheckoutRequest request, string idempotencyKey, CheckoutServices services, CancellationToken cancellationToken)
    {
        var address = request.Address;
        // Lines without prices: Ordering asks Catalog itself, so what the order costs never comes from the phone.
        var order = new PlaceOrderRequest(
            [.. request.Items.Select(item => new PlaceOrderLine(item.ProductId, item.Quantity))],
            new OrderAddress(address.Name, address.Line1, address.Line2, address.City, address.PostalCode, address.Country),
            request.CardToken);
        try
        {
            var response = await Downstream.WithinAsync(
                services.Timeouts.Value.PlaceOrder,
                token => services.Ordering.PlaceOrderAsync(services.Context.User.CustomerId(), idempotencyKey, order, token),
                cancellationToken);
            if (response is { IsSuccessStatusCode: true, Content: { } placed })
            {
                return TypedResults.Created($"/api/orders/{placed.OrderId}", new PlacedOrder(placed.OrderId, placed.Reference));
            }

            if (response is { StatusCode: >= System.Net.HttpStatusCode.BadRequest and < System.Net.HttpStatusCode.InternalServerError, Error: ApiException refusal })
            {
                return await PassedOnRefusal.FromAsync<Created<PlacedOrder>>(refusal, CheckoutFieldOf);
            }

            services.Logger.LogWarning(response.Error, "Ordering answered {StatusCode} to a checkout", (int?)response.StatusCode);
        }
        catch (Exception exception) when (Downstream.IsUnavailable(exception, cancellationToken))
        {
            services.Logger.LogWarning(exception, "Ordering could not place an order");
        }

        return ScreenResults.Unavailable(services.Context, "Ordering");
    }

    /// <summary>Ordering's name of a field of its request (<c>lines[0].quantity</c>, <c>shippingAddress.country</c>) as the checkout names it.</summary>
    private static string CheckoutFieldOf(string orderingField) => orderingField switch
    {
        _ when orderingField.StartsWith("lines", StringComparison.OrdinalIgnoreCase) => "items" + orderingField["lines".Length..],
        _ when orderingField.StartsWith("shippingAddress", StringComparison.OrdinalIgnoreCase) => "address" + orderingField["shippingAddress".Length..],
        _ when orderingField.StartsWith("paymentToken", StringComparison.OrdinalIgnoreCase) => "cardToken" + orderingField["paymentToken".Length..],
        _ => orderingField,
    };
}

/// <summary>What the payment-card and checkout endpoints need beyond their own collaborators.</summary>
public sealed record CheckoutServices(
    HttpContext Context,
    IOrderingApi Ordering,
    IPaymentsApi Payments,
    IOptions<MobileTimeouts> Timeouts,
    ILogger<CheckoutServices> Logger);
