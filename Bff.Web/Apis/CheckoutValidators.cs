using Commerce.Bff.Web.Client.Screens;
using FluentValidation;

namespace Commerce.Bff.Web.Apis;

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
        RuleFor(request => request.ShippingAddress).NotNull().SetValidator(new DeliveryAddressValidator());
        RuleFor(request => request.PaymentToken)
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
        RuleFor(address => address.Country).NotEmpty().Length(2).WithMessage("A country is its ISO 3166-1 alpha-2 code, such as US or DE.");
    }
}
