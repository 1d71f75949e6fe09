using System.Linq.Expressions;
using FluentValidation;

namespace Commerce.Shipping.Addresses;

/// <summary>
/// An address a label can be printed from: a recipient, one or two lines, a city and postal code (each at most
/// <see cref="PostalAddressRules.MaxLength"/> characters), and an assigned ISO 3166-1 alpha-2 country code. Each
/// service's address record has its own shape (contracts do not share types), so a validator of one names its
/// fields here and gets every rule, with errors under the record's own property names. Whether the carrier goes
/// there is a separate, business question (<see cref="DeliveryRules"/>), asked only of addresses that pass this.
/// </summary>
public abstract class PostalAddressValidator<TAddress> : AbstractValidator<TAddress>
{
    protected PostalAddressValidator(
        Expression<Func<TAddress, string>> recipientName,
        Expression<Func<TAddress, string>> line1,
        Expression<Func<TAddress, string?>> line2,
        Expression<Func<TAddress, string>> city,
        Expression<Func<TAddress, string>> postalCode,
        Expression<Func<TAddress, string>> country)
    {
        RuleFor(recipientName).NotEmpty().MaximumLength(PostalAddressRules.MaxLength);
        RuleFor(line1).NotEmpty().MaximumLength(PostalAddressRules.MaxLength);
        RuleFor(line2).MaximumLength(PostalAddressRules.MaxLength);
        RuleFor(city).NotEmpty().MaximumLength(PostalAddressRules.MaxLength);
        // One message per field: a missing value is not also reported as a malformed one.
        RuleFor(postalCode)
            .Cascade(CascadeMode.Stop)
            .NotEmpty()
            .MaximumLength(PostalAddressRules.MaxPostalCodeLength)
            .Matches(PostalAddressRules.PostalCodePattern).WithMessage("A postal code has letters and digits, separated by single spaces or hyphens.");
        RuleFor(country)
            .Cascade(CascadeMode.Stop)
            .NotEmpty()
            .Must(CountryCodes.IsAssigned).WithMessage("Give an ISO 3166-1 alpha-2 country code in upper case, such as US or DE.");
    }
}

/// <summary>The limits <see cref="PostalAddressValidator{TAddress}"/> applies, for documentation and tests.</summary>
public static class PostalAddressRules
{
    public const int MaxLength = 100;
    public const int MaxPostalCodeLength = 10;

    /// <summary>Letters and digits, with spaces or hyphens inside (SW1A 1AA, 10115, 94105-1234), as every national format is.</summary>
    public const string PostalCodePattern = "^[A-Za-z0-9]+(?:[ -][A-Za-z0-9]+)*$";
}
