using Commerce.Bff.Mobile.Client;
using FluentValidation;

namespace Commerce.Bff.Mobile.Apis;

/// <summary>
/// A checkout's shape: the cart as for pricing, an address whose fields are there and bounded, and a Payments card
/// token. Whether the carrier delivers to the address is Shipping's question and what the products cost is Catalog's:
/// the BFF asks them rather than knowing their rules.
/// </summary>
public sealed class CheckoutRequestValidator : CartItemsValidator<CheckoutRequest>
{
    public CheckoutRequestValidator()
        : base(request => request.Items)
    {
        RuleFor(request => request.Address).NotNull().SetValidator(new DeliveryAddressValidator());
        RuleFor(request => request.CardToken)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Save a card first (POST /api/payment-cards) and send its token.")
            .Matches("^tok_[0-9a-f]{32}$").WithMessage("A card token is tok_ followed by 32 lowercase hexadecimal digits.");
        RuleFor(request => request.ExpectedTotal).GreaterThanOrEqualTo(0).WithMessage("Send the total the cart was shown with.");
    }
}

public sealed class DeliveryAddressValidator : AbstractValidator<DeliveryAddress>
{
    /// <summary>What a label has room for; Shipping's own limits are the same.</summary>
    public const int MaxLength = 100;
    public const int MaxPostalCodeLength = 10;

    public DeliveryAddressValidator()
    {
        RuleFor(address => address.Name).NotEmpty().MaximumLength(MaxLength);
        RuleFor(address => address.Line1).NotEmpty().MaximumLength(MaxLength);
        RuleFor(address => address.Line2).MaximumLength(MaxLength);
        RuleFor(address => address.City).NotEmpty().MaximumLength(MaxLength);
        RuleFor(address => address.PostalCode).NotEmpty().MaximumLength(MaxPostalCodeLength);
        RuleFor(address => address.Country)
            .NotEmpty().Matches("^[A-Z]{2}$").WithMessage("A country is its ISO 3166-1 alpha-2 code in capitals, such as US or DE.");
    }
}

/// <summary>
/// The shape of card details, so a typo is named at once; whether the number's check digit holds and the card is
/// still valid is Payments' to judge (its field errors come back under the same names).
/// </summary>
public sealed class SaveCardRequestValidator : AbstractValidator<SaveCardRequest>
{
    public SaveCardRequestValidator()
    {
        RuleFor(card => card.Number)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Give the card number.")
            .MaximumLength(23)
            .Matches("^[0-9][0-9 -]{10,21}[0-9]$").WithMessage("A card number is 12–19 digits (spaces and hyphens allowed).");
        RuleFor(card => card.ExpiryMonth).InclusiveBetween(1, 12).WithMessage("The expiry month is 1–12.");
        RuleFor(card => card.ExpiryYear).InclusiveBetween(2000, 2099).WithMessage("The expiry year is a four-digit year.");
        RuleFor(card => card.Cvc)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Give the card's security code.")
            .Matches("^[0-9]{3,4}$").WithMessage("The security code is 3 or 4 digits.");
    }
}
