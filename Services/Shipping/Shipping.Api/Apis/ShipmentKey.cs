using System.ComponentModel;
using FluentValidation;

namespace Commerce.Shipping.Api.Apis;

/// <summary>The route key of a shipment: one shipment per order.</summary>
public sealed record ShipmentKey([property: Description("The order the shipment is for.")] Guid OrderId);

public sealed class ShipmentKeyValidator : AbstractValidator<ShipmentKey>
{
    public ShipmentKeyValidator()
    {
        RuleFor(key => key.OrderId).NotEmpty().WithMessage("The empty GUID is not an order id.");
    }
}
