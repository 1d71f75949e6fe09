using Commerce.Catalog.Contracts;
using FluentValidation;

namespace Commerce.Catalog.Api.Apis;

public sealed class ChangePriceRequestValidator : AbstractValidator<ChangePriceRequest>
{
    public const decimal MaxPrice = 1_000_000m;

    public ChangePriceRequestValidator()
    {
        RuleFor(request => request.Price)
            .GreaterThan(0)
            .LessThan(MaxPrice)
            .PrecisionScale(12, 2, ignoreTrailingZeros: true).WithMessage("A price has at most two decimal places.");
    }
}
