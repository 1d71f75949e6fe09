using Commerce.Shipping.Api.Domain;
using Commerce.Shipping.Contracts;
using FluentValidation;

namespace Commerce.Shipping.Api.Apis;

/// <summary>
/// An address a label can be printed from. Whether the carrier goes there is a separate, business question
/// (<see cref="DeliveryRules"/>, a 422), asked only of addresses that pass this.
/// </summary>
public sealed class ShippingAddressValidator : AbstractValidator<ShippingAddress>
{
    public const int MaxLength = 100;
    public const int MaxPostalCodeLength = 10;

    public ShippingAddressValidator()
    {
        RuleFor(address => address.RecipientName).NotEmpty().MaximumLength(MaxLength);
        RuleFor(address => address.Line1).NotEmpty().MaximumLength(MaxLength);
        RuleFor(address => address.Line2).MaximumLength(MaxLength);
        RuleFor(address => address.City).NotEmpty().MaximumLength(MaxLength);
        // One message per field: a missing value is not also reported as a malformed one.
        RuleFor(address => address.PostalCode)
            .Cascade(CascadeMode.Stop)
            .NotEmpty()
            .MaximumLength(MaxPostalCodeLength)
            // Letters and digits, with spaces or hyphens inside (SW1A 1AA, 10115, 94105-1234), as every national format is.
            .Matches("^[A-Za-z0-9]+(?:[ -][A-Za-z0-9]+)*$").WithMessage("A postal code has letters and digits, separated by single spaces or hyphens.");
        RuleFor(address => address.Country)
            .Cascade(CascadeMode.Stop)
            .NotEmpty()
            .Must(CountryCodes.IsAssigned).WithMessage("Give an ISO 3166-1 alpha-2 country code in upper case, such as US or DE.");
    }
}
