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

/// <summary>
/// The checkout's <see cref="StorefrontHeaders.IdempotencyKey"/>: there, and one Ordering accepts (1–<see cref="MaxLength"/>
/// printable ASCII characters, no spaces; the storefront sends a UUID), so a retry is recognised as the same attempt.
/// </summary>
public sealed class IdempotencyKeyValidator : AbstractValidator<IdempotencyKey>
{
    public const int MaxLength = 100;

    public IdempotencyKeyValidator()
    {
        RuleFor(key => key.Value)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage($"Send an {StorefrontHeaders.IdempotencyKey} header, made once per checkout attempt and sent again on its retries.")
            .MaximumLength(MaxLength)
            .Matches("^[\\x21-\\x7E]+$").WithMessage($"An {StorefrontHeaders.IdempotencyKey} is printable ASCII without spaces.")
            .OverridePropertyName(StorefrontHeaders.IdempotencyKey);
    }
}
