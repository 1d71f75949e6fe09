using Commerce.Payments.Api.Domain;
using Commerce.Payments.Contracts;
using FluentValidation;

namespace Commerce.Payments.Api.Apis;

public sealed class AuthorizePaymentRequestValidator : AbstractValidator<AuthorizePaymentRequest>
{
    /// <summary>The largest amount the payments table holds (numeric(12,2)) is just below this.</summary>
    public const decimal MaxAmount = 10_000_000_000m;

    public AuthorizePaymentRequestValidator()
    {
        RuleFor(request => request.Token)
            .NotEmpty().WithMessage("Give the card token from POST /payment-tokens.")
            .Must(CardToken.IsWellFormed).WithMessage("A card token is tok_ followed by 32 lowercase hexadecimal digits.");

        RuleFor(request => request.Amount)
            .GreaterThan(0).WithMessage("The amount must be more than zero.")
            .LessThan(MaxAmount).WithMessage("The amount is too large.")
            .PrecisionScale(12, 2, ignoreTrailingZeros: true).WithMessage("An amount has at most two decimal places.");

        RuleFor(request => request.Currency)
            .NotEmpty().WithMessage("Give the currency.")
            .Matches("^[A-Z]{3}$").WithMessage("A currency is an ISO 4217 code: three capital letters, such as USD.");
    }
}
