using Commerce.Inventory.Contracts;
using FluentValidation;

namespace Commerce.Inventory.Api.Apis;

public sealed class ReserveStockRequestValidator : AbstractValidator<ReserveStockRequest>
{
    public const int MaxLines = 50;
    public const int MaxQuantity = 999;

    public ReserveStockRequestValidator()
    {
        RuleFor(request => request.Lines)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Give at least one line.")
            .Must(lines => lines.Count <= MaxLines).WithMessage($"Give at most {MaxLines} lines.")
            // One line per product: two would make "how many of this product" ambiguous in every later step.
            .Must(lines => lines.Where(line => line is not null).GroupBy(line => line.ProductId).All(group => group.Count() == 1))
            .WithMessage("Each product may appear in one line only; add the quantities up instead.");
        RuleForEach(request => request.Lines)
            .NotNull().WithMessage("A line must not be null.")
            .ChildRules(line =>
            {
                line.RuleFor(l => l.ProductId).GreaterThan(0);
                line.RuleFor(l => l.Quantity).InclusiveBetween(1, MaxQuantity);
            });
    }
}
