using System.ComponentModel;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;

namespace Commerce.Bff.Mobile.Apis;

/// <summary>One page of a browse (<see cref="CategoryId"/>) or a search (<see cref="Q"/>), or both.</summary>
public sealed record SearchQuery(
    [property: Description("Search words; results come by relevance. Omit to browse by name.")][FromQuery(Name = "q")] string? Q,
    [property: Description("Only this category's products (a category chip's id).")][FromQuery(Name = "categoryId")] int? CategoryId,
    [property: Description("The next of the previous page; omit for the first page.")][FromQuery(Name = "cursor")] string? Cursor)
{
    /// <summary>Catalog's own limit on search text.</summary>
    public const int MaxSearchLength = 200;

    /// <summary>Far longer than any cursor Catalog makes (a base64url of a name and an id).</summary>
    public const int MaxCursorLength = 512;
}

public sealed class SearchQueryValidator : AbstractValidator<SearchQuery>
{
    public SearchQueryValidator()
    {
        RuleFor(query => query.Q)
            .Must(q => !string.IsNullOrWhiteSpace(q)).WithMessage("Search words must not be blank; omit q to browse.")
            .MaximumLength(SearchQuery.MaxSearchLength)
            .When(query => query.Q is not null);
        RuleFor(query => query.CategoryId).GreaterThan(0).WithMessage("A category id is a positive number.");
        RuleFor(query => query.Cursor)
            .NotEmpty().WithMessage("Omit the cursor for the first page.")
            .MaximumLength(SearchQuery.MaxCursorLength)
            .When(query => query.Cursor is not null);
    }
}
