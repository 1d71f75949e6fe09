using Commerce.Shipping.Contracts;

namespace Commerce.Shipping.Api.Domain;

public static class AddressDelivery
{
    /// <summary>Why the carrier cannot deliver to a request's address (every request names it <c>address</c>); null when it can.</summary>
    public static Undeliverable? Undeliverable(this ShippingAddress address) =>
        DeliveryRules.Check(address.Line1, address.Line2, address.Country)?.Under("address");
}
