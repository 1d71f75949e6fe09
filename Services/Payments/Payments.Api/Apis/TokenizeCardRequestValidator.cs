using Commerce.Payments.Api.Domain;
using Commerce.Payments.Contracts;
using FluentValidation;

namespace Commerce.Payments.Api.Apis;

/// <summary>Messages never repeat the value they judge: the card number and the CVC must not travel further than here.</summary>
public sealed class TokenizeCardRequestValidator : AbstractValidator<TokenizeCardRequest>
{
    public TokenizeCardRequestValidator(TimeProvider timeProvider)
    {
        RuleFor(request => request.Number)
            .NotEmpty().WithMessage("Give the card number.")
            .Must(CardNumber.IsValid)
            .WithMessage($"Not a valid card number: {CardNumber.MinDigits}–{CardNumber.MaxDigits} digits (spaces and hyphens allowed) with a valid check digit.");

        RuleFor(request => request.ExpiryMonth)
            .InclusiveBetween(1, 12).WithMessage("The expiry month is 1–12.")
            .Must((request, month) => !new CardExpiry(month, request.ExpiryYear).HasPassedAt(timeProvider.GetUtcNow()))
            .When(request => request.ExpiryYear == timeProvider.GetUtcNow().UtcDateTime.Year, ApplyConditionTo.CurrentValidator)
            .WithMessage("The card has expired.");

        RuleFor(request => request.ExpiryYear)
            .Must(year => year >= timeProvider.GetUtcNow().UtcDateTime.Year).WithMessage("The card has expired.")
            .Must(year => !new CardExpiry(1, year).IsTooFarAheadOf(timeProvider.GetUtcNow()))
            .WithMessage($"The expiry year is a four-digit year at most {CardExpiry.MaxYearsAhead} years ahead.");

        RuleFor(request => request.Cvc)
            .NotEmpty().WithMessage("Give the card's security code.")
            .Matches("^[0-9]{3,4}$").WithMessage("The security code is 3 or 4 digits.");
    }
}
