using System.ComponentModel;
using Commerce.Catalog.Api.Domain;
using FluentValidation;

namespace Commerce.Catalog.Api.Apis;

public sealed record ProductListQuery(
    [property: Description("Opaque cursor from the previous page's nextCursor; omit for the first page.")] ProductCursor? Cursor,
    [property: Description("Products per page, 1–100 (default 20).")] int? PageSize,
    [property: Description("Only products of this category.")] int? CategoryId,
    [property: Description("Full-text search over names and descriptions; results are ranked by relevance.")] string? Q)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
    public const int MaxSearchLength = 200;
}

public sealed class ProductListQueryValidator : AbstractValidator<ProductListQuery>
{
    public ProductListQueryValidator()
    {
        RuleFor(query => query.PageSize).InclusiveBetween(1, ProductListQuery.MaxPageSize);
        RuleFor(query => query.CategoryId).GreaterThan(0);
        RuleFor(query => query.Q)
            .Must(q => !string.IsNullOrWhiteSpace(q)).WithMessage("Search text must not be blank.")
            .MaximumLength(ProductListQuery.MaxSearchLength)
            .When(query => query.Q is not null);
        RuleFor(query => query.Cursor)
            .Must((query, cursor) => cursor!.IsSearch == query.Q is not null)
            .WithMessage("This cursor belongs to a different listing; start again from the first page.")
            .When(query => query.Cursor is not null);
    }
}
