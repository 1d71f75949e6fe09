using System.ComponentModel;
using Commerce.Bff.Mobile.Client;
using FluentValidation;

namespace Commerce.Bff.Mobile.Apis;

/// <summary>The order a call is about.</summary>
public sealed record OrderRoute([property: Description("The order's id, as the orders screen gives it.")] Guid Id);

/// <summary>The empty GUID names no order; Ordering would refuse it too, but the app should hear it named by this field.</summary>
public sealed class OrderRouteValidator : AbstractValidator<OrderRoute>
{
    public OrderRouteValidator()
    {
        RuleFor(route => route.Id).NotEmpty().WithMessage("An order id is a GUID, as the orders screen gives it.");
    }
}

public sealed class CancelOrderRequestValidator : AbstractValidator<CancelOrderRequest>
{
    /// <summary>Ordering's limit on a cancellation's reason.</summary>
    public const int MaxReasonLength = 500;

    public CancelOrderRequestValidator()
    {
        RuleFor(request => request.Reason).MaximumLength(MaxReasonLength);
    }
}
