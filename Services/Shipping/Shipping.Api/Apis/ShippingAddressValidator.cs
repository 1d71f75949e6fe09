using Commerce.Shipping.Contracts;

namespace Commerce.Shipping.Api.Apis;

/// <summary>The shared address rules (Shipping.Addresses) over this service's <see cref="ShippingAddress"/>.</summary>
public sealed class ShippingAddressValidator() : PostalAddressValidator<ShippingAddress>(
    address => address.RecipientName,
    address => address.Line1,
    address => address.Line2,
    address => address.City,
    address => address.PostalCode,
    address => address.Country);
