using System.Linq.Expressions;
using Commerce.Bff.Mobile.Client;
using FluentValidation;

namespace Commerce.Bff.Mobile.Apis;

/// <summary>
/// The items of a cart, wherever the app sends one (pricing, checkout): 1–<see cref="MaxItems"/> distinct products of
/// 1–<see cref="MaxQuantity"/> each, the bounds Ordering places orders within, so a cart the phone shows can be ordered.
/// </summary>
public abstract class CartItemsValidator<TRequest> : AbstractValidator<TRequest>
{
    public const int MaxItems = 50;
    public const int MaxQuantity = 99;

    protected CartItemsValidator(Expression<Func<TRequest, IEnumerable<CartItem>>> items)
    {
        RuleFor(items)
            .NotEmpty().WithMessage("A cart has at least one item.")
            .Must(list => list is null || list.Count() <= MaxItems).WithMessage($"A cart has at most {MaxItems} items.");
        RuleForEach(items).NotNull().ChildRules(item =>
        {
            item.RuleFor(i => i.ProductId).GreaterThan(0).WithMessage("A product id is a positive number.");
            item.RuleFor(i => i.Quantity).InclusiveBetween(1, MaxQuantity).WithMessage($"A quantity is 1–{MaxQuantity}.");
        });
        RuleFor(items).Custom((all, context) =>
        {
            var list = all?.ToList();
            // Name the repeated item itself, so the app can point at it.
            var seen = new HashSet<int>();
            for (var index = 0; index < (list?.Count ?? 0); index++)
            {
                if (list![index] is { } item && !seen.Add(item.ProductId))
                {
                    context.AddFailure($"{context.PropertyPath}[{index}].ProductId", $"Product {item.ProductId} is already in an earlier item.");
                }
            }
        });
    }
}

public sealed class PriceCartRequestValidator : CartItemsValidator<PriceCartRequest>
{
    public PriceCartRequestValidator()
        : base(request => request.Items)
    {
    }
}
