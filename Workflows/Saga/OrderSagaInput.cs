using Commerce.Ordering.Contracts;

namespace Commerce.Workflows.Saga;

/// <summary>
/// Everything the saga needs, as <see cref="OrderPlaced"/> carried it, so the saga never reads another service's
/// tables. <see cref="GracePeriod"/> is how long the customer may still cancel after the payment is authorized.
/// </summary>
public sealed record OrderSagaInput(
    Guid OrderId,
    string CustomerId,
    IReadOnlyList<OrderLine> Lines,
    string Currency,
    decimal Total,
    OrderAddress ShippingAddress,
    string PaymentToken,
    TimeSpan GracePeriod)
{
    public static readonly TimeSpan DefaultGracePeriod = TimeSpan.FromSeconds(30);

    public static OrderSagaInput From(OrderPlaced placed, TimeSpan gracePeriod) => new(
        placed.OrderId, placed.CustomerId, placed.Lines, placed.Currency, placed.Total, placed.ShippingAddress, placed.PaymentToken, gracePeriod);
}
