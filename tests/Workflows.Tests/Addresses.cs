using Commerce.Ordering.Contracts;
using Commerce.Shipping.Contracts;

namespace Commerce.Workflows.Tests;

public static class Addresses
{
    public static readonly ShippingAddress Deliverable = new("Ada Lovelace", "12 Analytical Row", null, "Springfield", "94105", "US");

    /// <summary>Shipping's carrier does not deliver to North Korea (Services/Shipping/README.md).</summary>
    public static readonly ShippingAddress Undeliverable = Deliverable with { Country = "KP" };

    public static readonly OrderAddress OrderAddress = new("Ada Lovelace", "12 Analytical Row", null, "Springfield", "94105", "US");
}
