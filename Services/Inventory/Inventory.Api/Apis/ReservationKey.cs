using System.ComponentModel;
using FluentValidation;

namespace Commerce.Inventory.Api.Apis;

/// <summary>The route key of a reservation: one reservation per order.</summary>
public sealed record ReservationKey([property: Description("The order the stock is for.")] Guid OrderId);

public sealed class ReservationKeyValidator : AbstractValidator<ReservationKey>
{
    public ReservationKeyValidator()
    {
        RuleFor(key => key.OrderId).NotEmpty().WithMessage("The empty GUID is not an order id.");
    }
}
