using System.ComponentModel;
using FluentValidation;

namespace Commerce.Catalog.Api.Apis;

public sealed record ProductsByIdsQuery(
    [property: Description("Product ids, repeated: ?ids=1&ids=2 (1–100 of them).")] int[] Ids)
{
    public const int MaxIds = 100;
}

public sealed class ProductsByIdsQueryValidator : AbstractValidator<ProductsByIdsQuery>
{
    public ProductsByIdsQueryValidator()
    {
        RuleFor(query => query.Ids)
            .NotEmpty().WithMessage("Give at least one product id.")
            .Must(ids => ids.Length <= ProductsByIdsQuery.MaxIds).WithMessage($"Give at most {ProductsByIdsQuery.MaxIds} product ids.");
        RuleForEach(query => query.Ids).GreaterThan(0);
    }
}
