using System.Linq.Expressions;
using FluentValidation;

namespace Commerce.Bff.Shared.Validation;

/// <summary>
/// The shape of card details, so a typo is named at once; whether the number's check digit holds and the card is
/// still valid is Payments' to judge (its field errors come back under the same names).
/// </summary>
public abstract class CardDetailsValidator<TCard> : AbstractValidator<TCard>
{
    protected CardDetailsValidator(
        Expression<Func<TCard, string>> number,
        Expression<Func<TCard, int>> expiryMonth,
        Expression<Func<TCard, int>> expiryYear,
        Expression<Func<TCard, string>> cvc)
    {
        RuleFor(number)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Give the card number.")
            .MaximumLength(23)
            .Matches("^[0-9][0-9 -]{10,21}[0-9]$").WithMessage("A card number is 12–19 digits (spaces and hyphens allowed).");
        RuleFor(expiryMonth).InclusiveBetween(1, 12).WithMessage("The expiry month is 1–12.");
        RuleFor(expiryYear).InclusiveBetween(2000, 2099).WithMessage("The expiry year is a four-digit year.");
        RuleFor(cvc)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Give the card's security code.")
            .Matches("^[0-9]{3,4}$").WithMessage("The security code is 3 or 4 digits.");
    }
}
