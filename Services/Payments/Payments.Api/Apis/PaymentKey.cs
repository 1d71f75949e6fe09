using System.ComponentModel;
using FluentValidation;

namespace Commerce.Payments.Api.Apis;

/// <summary>The route key of a payment: one payment per order. Not a GUID is a 400 naming <c>orderId</c>.</summary>
public sealed record PaymentKey([property: Description("The order the payment is for.")] Guid OrderId);

public sealed class PaymentKeyValidator : AbstractValidator<PaymentKey>
{
    public PaymentKeyValidator()
    {
        RuleFor(key => key.OrderId).NotEmpty().WithMessage("The empty GUID is not an order id.");
    }
}
