using System.Linq.Expressions;
using FluentValidation;

namespace Commerce.Bff.Shared.Validation;

/// <summary>The bounds Ordering places orders within, so a cart either client shows can be ordered.</summary>
public static class CartRules
{
    public const int MaxItems = 50;
    public const int MaxQuantity = 99;
}

/// <summary>
/// The items of a cart, wherever a client sends one (pricing, checkout): 1–<see cref="CartRules.MaxItems"/> distinct
/// products of 1–<see cref="CartRules.MaxQuantity"/> each. Each BFF's contract has its own item type, so a validator
/// names the item's fields here and gets every rule, its errors under the contract's own property names.
/// </summary>
public abstract class CartItemsValidator<TRequest, TItem> : AbstractValidator<TRequest>
    where TItem : class
{
    protected CartItemsValidator(
        Expression<Func<TRequest, IEnumerable<TItem>>> items,
        Expression<Func<TItem, int>> productId,
        Expression<Func<TItem, int>> quantity)
    {
        var productIdOf = productId.Compile();
        RuleFor(items)
            .NotEmpty().WithMessage("A cart has at least one item.")
            .Must(list => list is null || list.Count() <= CartRules.MaxItems).WithMessage($"A cart has at most {CartRules.MaxItems} items.");
        RuleForEach(items).NotNull().ChildRules(item =>
        {
            item.RuleFor(productId).GreaterThan(0).WithMessage("A product id is a positive number.");
            item.RuleFor(quantity).InclusiveBetween(1, CartRules.MaxQuantity).WithMessage($"A quantity is 1–{CartRules.MaxQuantity}.");
        });
        RuleFor(items).Custom((all, context) =>
        {
            var list = all?.ToList();
            // Name the repeated item itself, so the client can point at it.
            var seen = new HashSet<int>();
            for (var index = 0; index < (list?.Count ?? 0); index++)
            {
                if (list![index] is { } item && !seen.Add(productIdOf(item)))
                {
                    context.AddFailure($"{context.PropertyPath}[{index}].ProductId", $"Product {productIdOf(item)} is already in an earlier item.");
                }
            }
        });
    }
}
