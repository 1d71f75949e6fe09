using System.ComponentModel;
using FluentValidation;

namespace Commerce.Inventory.Api.Apis;

public sealed record StockLevelsQuery(
    [property: Description("Product ids, repeated: ?productIds=1&productIds=2 (1–100 of them).")] int[] ProductIds)
{
    public const int MaxProductIds = 100;
}

public sealed class StockLevelsQueryValidator : AbstractValidator<StockLevelsQuery>
{
    public StockLevelsQueryValidator()
    {
        RuleFor(query => query.ProductIds)
            .NotEmpty().WithMessage("Give at least one product id.")
            .Must(ids => ids.Length <= StockLevelsQuery.MaxProductIds).WithMessage($"Give at most {StockLevelsQuery.MaxProductIds} product ids.");
        RuleForEach(query => query.ProductIds).GreaterThan(0);
    }
}
