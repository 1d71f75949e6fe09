using System.Linq.Expressions;
using Commerce.Shipping.Contracts;
using FluentValidation;

namespace Commerce.Shipping.Api.Apis;

public sealed class QuoteRequestValidator() : ParcelValidator<QuoteRequest>(request => request.Address, request => request.Lines);

public sealed class CreateShipmentRequestValidator() : ParcelValidator<CreateShipmentRequest>(request => request.Address, request => request.Lines);

/// <summary>
/// A quote and a shipment describe the same parcel: an address, and 1–<see cref="MaxLines"/> lines of distinct
/// products with 1–<see cref="MaxQuantity"/> items each.
/// </summary>
public abstract class ParcelValidator<TRequest> : AbstractValidator<TRequest>
{
    public const int MaxLines = 50;
    public const int MaxQuantity = 999;

    protected ParcelValidator(
        Expression<Func<TRequest, ShippingAddress>> address,
        Expression<Func<TRequest, IEnumerable<ShipmentLine>>> lines)
    {
        RuleFor(address).NotNull().SetValidator(new ShippingAddressValidator());

        RuleFor(lines)
            .NotEmpty().WithMessage("A parcel holds at least one line.")
            .Must(all => all is null || all.Count() <= MaxLines).WithMessage($"A parcel holds at most {MaxLines} lines.");
        RuleForEach(lines).NotNull().ChildRules(line =>
        {
            line.RuleFor(l => l.ProductId).GreaterThan(0);
            line.RuleFor(l => l.Quantity).InclusiveBetween(1, MaxQuantity);
        });
        RuleFor(lines).Custom((all, context) =>
        {
            // Name the repeated line itself, so a client can point at it.
            var seen = new HashSet<int>();
            var index = 0;
            foreach (var line in all ?? [])
            {
                if (line is not null && !seen.Add(line.ProductId))
                {
                    context.AddFailure($"{context.PropertyPath}[{index}].ProductId", $"Product {line.ProductId} is already in an earlier line.");
                }

                index++;
            }
        });
    }
}
