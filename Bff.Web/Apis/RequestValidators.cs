using Commerce.Bff.Web.Client.Screens;
using Commerce.Bff.Shared.Validation;

namespace Commerce.Bff.Web.Apis;

// The storefront's requests, checked by the rules both BFFs share (Bff.Shared/Validation) under this contract's names.

public sealed class PriceCartRequestValidator()
    : CartItemsValidator<PriceCartRequest, CartItem>(request => request.Items, item => item.ProductId, item => item.Quantity);

public sealed class CheckoutRequestValidator() : CheckoutValidator<CheckoutRequest, CartItem, DeliveryAddress>(
    request => request.Items, item => item.ProductId, item => item.Quantity,
    request => request.ShippingAddress, new DeliveryAddressValidator(),
    request => request.PaymentToken,
    request => request.ExpectedTotal);

public sealed class DeliveryAddressValidator() : DeliveryAddressValidator<DeliveryAddress>(
    address => address.Name, address => address.Line1, address => address.Line2,
    address => address.City, address => address.PostalCode, address => address.Country);

public sealed class SaveCardRequestValidator()
    : CardDetailsValidator<SaveCardRequest>(card => card.Number, card => card.ExpiryMonth, card => card.ExpiryYear, card => card.Cvc);
