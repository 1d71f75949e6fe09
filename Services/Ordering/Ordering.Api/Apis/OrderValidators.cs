using Commerce.Ordering.Api.Domain;
using Commerce.Ordering.Contracts;
using Commerce.Shipping.Addresses;
using FluentValidation;

namespace Commerce.Ordering.Api.Apis;

/// <summary>
/// An order: 1–<see cref="MaxLines"/> lines of distinct products with 1–<see cref="MaxQuantity"/> items each, an
/// address a label can be printed from, and a Payments card token. Prices are not part of it: Catalog sets them.
/// </summary>
public sealed class PlaceOrderRequestValidator : AbstractValidator<PlaceOrderRequest>
{
    public const int MaxLines = 50;
    public const int MaxQuantity = 99;

    public PlaceOrderRequestValidator()
    {
        RuleFor(request => request.Lines)
            .NotEmpty().WithMessage("An order has at least one line.")
            .Must(lines => lines is null || lines.Count <= MaxLines).WithMessage($"An order has at most {MaxLines} lines.");
        RuleForEach(request => request.Lines).NotNull().ChildRules(line =>
        {
            line.RuleFor(l => l.ProductId).GreaterThan(0);
            line.RuleFor(l => l.Quantity).InclusiveBetween(1, MaxQuantity);
        });
        RuleFor(request => request.Lines).Custom((lines, context) =>
        {
            // Name the repeated line itself, so a client can point at it.
            var seen = new HashSet<int>();
            for (var index = 0; index < (lines?.Count ?? 0); index++)
            {
                if (lines![index] is { } line && !seen.Add(line.ProductId))
                {
                    context.AddFailure($"{context.PropertyPath}[{index}].ProductId", $"Product {line.ProductId} is already in an earlier line.");
                }
            }
        });

        RuleFor(request => request.ShippingAddress).NotNull().SetValidator(new OrderAddressValidator());

        RuleFor(request => request.PaymentToken)
            .Cascade(CascadeMode.Stop)
            .NotEmpty()
            .Must(PaymentToken.IsWellFormed).WithMessage("A card token is tok_ followed by 32 lowercase hexadecimal digits.");
    }
}

/// <summary>
/// Shipping's own address rules (Shipping.Addresses) over this service's <see cref="OrderAddress"/>: the one
/// definition both services validate with, so an address Ordering accepts is one Shipping accepts.
/// </summary>
public sealed class OrderAddressValidator() : PostalAddressValidator<OrderAddress>(
    address => address.Name,
    address => address.Line1,
    address => address.Line2,
    address => address.City,
    address => address.PostalCode,
    address => address.Country);

public sealed class PlaceOrderHeadersValidator : AbstractValidator<PlaceOrderHeaders>
{
    public const int MaxKeyLength = 100;

    public PlaceOrderHeadersValidator()
    {
        Include(new CustomerRule<PlaceOrderHeaders>());
        RuleFor(headers => headers.IdempotencyKey)
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage($"Send an {OrderHeaders.IdempotencyKey} header, unique per order attempt, so a retry cannot place the order twice.")
            .MaximumLength(MaxKeyLength)
            .Matches("^[\\x21-\\x7E]+$").WithMessage($"An {OrderHeaders.IdempotencyKey} is printable ASCII without spaces.");
    }
}

public sealed class CustomerOrderKeyValidator : AbstractValidator<CustomerOrderKey>
{
    public CustomerOrderKeyValidator()
    {
        Include(new CustomerRule<CustomerOrderKey>());
        RuleFor(key => key.OrderId).NotEmpty().WithMessage("The empty GUID is not an order id.");
    }
}

public sealed class LiveOrderRequestValidator : AbstractValidator<LiveOrderRequest>
{
    public LiveOrderRequestValidator()
    {
        Include(new CustomerRule<LiveOrderRequest>());
        RuleFor(request => request.OrderId).NotEmpty().WithMessage("The empty GUID is not an order id.");
        RuleFor(request => request.LastEventId)
            .Must((request, lastEventId) => lastEventId is null || request.LastSeenCount is not null)
            .WithMessage($"A {OrderHeaders.LastEventId} is the id of an event this stream sent: a whole number of timeline entries.");
    }
}

public sealed class OrderListQueryValidator : AbstractValidator<OrderListQuery>
{
    public OrderListQueryValidator()
    {
        Include(new CustomerRule<OrderListQuery>());
        RuleFor(query => query.PageSize).InclusiveBetween(1, OrderListQuery.MaxPageSize);
        RuleFor(query => query.Cursor)
            .Must(cursor => cursor is null || OrderCursor.TryDecode(cursor, out _))
            .WithMessage("Pass back the nextCursor of a previous page, unchanged.");
    }
}

public sealed class OrderKeyValidator : AbstractValidator<OrderKey>
{
    public OrderKeyValidator()
    {
        RuleFor(key => key.OrderId).NotEmpty().WithMessage("The empty GUID is not an order id.");
    }
}

public sealed class CancelOrderRequestValidator : AbstractValidator<CancelOrderRequest>
{
    public const int MaxReasonLength = 500;

    public CancelOrderRequestValidator()
    {
        RuleFor(request => request.Reason).NotEmpty().MaximumLength(MaxReasonLength);
    }
}

public sealed class RequestCancellationRequestValidator : AbstractValidator<RequestCancellationRequest>
{
    public RequestCancellationRequestValidator()
    {
        RuleFor(request => request.Reason).MaximumLength(CancelOrderRequestValidator.MaxReasonLength);
    }
}

/// <summary>Every customer-facing call names its customer.</summary>
internal sealed class CustomerRule<T> : AbstractValidator<T> where T : ICustomerScoped
{
    public const int MaxLength = 100;

    public CustomerRule()
    {
        RuleFor(scoped => scoped.CustomerId)
            .NotEmpty().WithMessage($"The calling BFF passes the signed-in customer's id in the {OrderHeaders.CustomerId} header.")
            .MaximumLength(MaxLength);
    }
}
