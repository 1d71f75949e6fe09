using System.ComponentModel;
using Commerce.Payments.Api.Data;
using Commerce.Payments.Api.Domain;
using Commerce.Payments.Contracts;
using Commerce.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commerce.Payments.Api.Apis;

public static class PaymentTokensApi
{
    public static IEndpointRouteBuilder MapPaymentTokensApi(this IEndpointRouteBuilder app)
    {
        var tokens = app.MapGroup("/payment-tokens").WithTags("Payment tokens");

        tokens.MapPost("/", TokenizeCard)
            .WithName("TokenizeCard")
            .WithSummary("Tokenize a card")
            .WithDescription(
                "Checks the card (Luhn check digit, expiry not passed, 3–4 digit CVC) and returns a token to authorize " +
                "payments with. Only the token, the last four digits, the brand and the expiry are kept: the number and " +
                "the CVC are neither stored nor logged.")
            .WithValidation<TokenizeCardRequest>();

        tokens.MapGet("/{token}", GetCardToken)
            .WithName("GetCardToken")
            .WithSummary("Get what is kept of a tokenized card");

        return app;
    }

    public static async Task<Created<CardTokenDto>> TokenizeCard(
        TokenizeCardRequest request, CardTokenStore cards, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        // The validator has vouched for the number, so it has digits to take the brand and last four from.
        var digits = CardNumber.Digits(request.Number)!;
        var card = new CardTokenDto(CardToken.New(), CardNumber.Last4(digits), CardNumber.BrandOf(digits), request.ExpiryMonth, request.ExpiryYear);
        await cards.AddAsync(card, timeProvider.GetUtcNow(), cancellationToken);
        return TypedResults.Created($"/payment-tokens/{card.Token}", card);
    }

    public static async Task<Results<Ok<CardTokenDto>, NotFound>> GetCardToken(
        [Description("The token from POST /payment-tokens.")] string token, CardTokenStore cards, CancellationToken cancellationToken) =>
        CardToken.IsWellFormed(token) && await cards.FindAsync(token, cancellationToken) is { } card
            ? TypedResults.Ok(card)
            : TypedResults.NotFound();
}
