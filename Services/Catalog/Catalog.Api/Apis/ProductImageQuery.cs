using System.ComponentModel;
using Commerce.Catalog.Api.Domain;
using FluentValidation;

namespace Commerce.Catalog.Api.Apis;

public sealed record ProductImageQuery(
    [property: Description("The product id.")] int Id,
    [property: Description("The width (and height) to draw at, in CSS pixels, 32–1024; 400 when omitted. The image stays a vector: the size only tells the device how large it is.")] int? W);

public sealed class ProductImageQueryValidator : AbstractValidator<ProductImageQuery>
{
    public ProductImageQueryValidator()
    {
        RuleFor(query => query.W)
            .InclusiveBetween(ProductImage.MinSize, ProductImage.MaxSize)
            .WithMessage($"A width is {ProductImage.MinSize}–{ProductImage.MaxSize} CSS pixels.")
            .When(query => query.W is not null);
    }
}
