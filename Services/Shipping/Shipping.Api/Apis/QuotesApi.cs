using Commerce.Shipping.Api.Domain;
using Commerce.Shipping.Contracts;
using Commerce.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commerce.Shipping.Api.Apis;

public static class QuotesApi
{
    public static IEndpointRouteBuilder MapQuotesApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/quotes").WithTags("Quotes")
            .MapPost("/", Quote)
            .WithName("QuoteShipping")
            .WithSummary("Quote the shipping of a parcel")
            .WithDescription(
                "The price and delivery estimate by destination zone and item count. Stores nothing, so it is safe to repeat. " +
                "422 with reason address-undeliverable when the carrier does not deliver to the address.")
            .WithValidation<QuoteRequest>()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return app;
    }

    public static Results<Ok<ShippingQuote>, ProblemHttpResult> Quote(QuoteRequest request) =>
        request.Address.Undeliverable() is { } undeliverable
            ? ShippingProblems.Undeliverable(undeliverable)
            : TypedResults.Ok(ShippingRates.Quote(request.Address.Country, request.Lines));
}
