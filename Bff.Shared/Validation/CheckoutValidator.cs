using System.Linq.Expressions;
using FluentValidation;

namespace Commerce.Bff.Shared.Validation;

/// <summary>
/// A checkout's shape: the cart as for pricing, an address whose fields are there and bounded, and a Payments card
/// token. Whether the carrier delivers to the address is Shipping's question and what the products cost is Catalog's:
/// the BFF asks them rather than knowing their rules.
/// </summary>
public abstract class CheckoutValidator<TRequest, TItem, TAddress> : CartItemsValidator<TRequest, TItem>
    where TItem : class
{
    protected CheckoutValidator(
        Expression<Func<TRequest, IEnumerable<TItem>>> items,
        Expression<Func<TItem, int>> productId,
        Expression<Func<TItem, int>> quantity,
        Expression<Func<TRequest, TAddress>> address,
        DeliveryAddressValidator<TAddress> addressValidator,
        Expression<Func<TRequest, string>> cardToken,
        Expression<Func<TRequest, decimal>> expectedTotal)
        : base(items, productId, quantity)
    {
        RuleFor(address).NotNull().SetValidator(addressValidator);
        RuleFor(cardToken)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Save a card first (POST /api/payment-cards) and send its token.")
            .Matches("^tok_[0-9a-f]{32}$").WithMessage("A card token is tok_ followed by 32 lowercase hexadecimal digits.");
        RuleFor(expectedTotal).GreaterThanOrEqualTo(0).WithMessage("Send the total the cart was shown with.");
    }
}
