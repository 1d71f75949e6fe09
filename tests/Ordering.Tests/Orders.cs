using Commerce.Ordering.Contracts;

namespace Commerce.Ordering.Tests;

/// <summary>Valid requests to start from; tests change the one thing they are about.</summary>
internal static class Orders
{
    public const string PaymentToken = "tok_0123456789abcdef0123456789abcdef";

    public static readonly OrderAddress Address = new("Ada Lovelace", "12 Analytical Row", "Flat 3", "London", "SW1A 1AA", "GB");

    public static PlaceOrderRequest Request(params (int ProductId, int Quantity)[] lines) =>
        new(lines.Select(line => new PlaceOrderLine(line.ProductId, line.Quantity)).ToList(), Address, PaymentToken);

    public static string NewCustomer() => $"customer-{Guid.NewGuid():N}";

    public static string NewKey() => Guid.NewGuid().ToString();
}
