using System.Linq.Expressions;
using FluentValidation;

namespace Commerce.Bff.Shared.Validation;

/// <summary>
/// A delivery address's shape: its fields there and bounded, the country an alpha-2 code in capitals. Whether the
/// code is assigned and the carrier delivers there is Shipping's question, asked at checkout: the BFF asks it rather
/// than knowing its rules. Each BFF's contract has its own address type, so a validator names its fields here.
/// </summary>
public abstract class DeliveryAddressValidator<TAddress> : AbstractValidator<TAddress>
{
    /// <summary>What a label has room for; Shipping's own limits are the same.</summary>
    public const int MaxLength = 100;
    public const int MaxPostalCodeLength = 10;

    protected DeliveryAddressValidator(
        Expression<Func<TAddress, string>> name,
        Expression<Func<TAddress, string>> line1,
        Expression<Func<TAddress, string?>> line2,
        Expression<Func<TAddress, string>> city,
        Expression<Func<TAddress, string>> postalCode,
        Expression<Func<TAddress, string>> country)
    {
        RuleFor(name).NotEmpty().MaximumLength(MaxLength);
        RuleFor(line1).NotEmpty().MaximumLength(MaxLength);
        RuleFor(line2).MaximumLength(MaxLength);
        RuleFor(city).NotEmpty().MaximumLength(MaxLength);
        RuleFor(postalCode).NotEmpty().MaximumLength(MaxPostalCodeLength);
        RuleFor(country)
            .Cascade(CascadeMode.Stop)
            .NotEmpty()
            .Matches("^[A-Z]{2}$").WithMessage("A country is its ISO 3166-1 alpha-2 code in capitals, such as US or DE.");
    }
}
