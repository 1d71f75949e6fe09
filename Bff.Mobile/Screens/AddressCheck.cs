using System.Text.Json;
using Commerce.Bff.Mobile.Client;
using Commerce.Shipping.Contracts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Refit;

namespace Commerce.Bff.Mobile.Screens;

/// <summary>What Shipping said of a checkout's address: it delivers there, it does not (and which field), or nothing.</summary>
public abstract record AddressCheckOutcome
{
    public sealed record Deliverable : AddressCheckOutcome;

    /// <summary><see cref="Field"/> as the checkout request names it (<c>address.country</c>).</summary>
    public sealed record Undeliverable(string Field, string Detail) : AddressCheckOutcome;

    /// <summary>Shipping did not answer in time: Ordering applies the carrier's rules at placement all the same.</summary>
    public sealed record NotChecked : AddressCheckOutcome;
}

/// <summary>
/// A Shipping quote of the cart to the checkout's address, which Shipping refuses for an address its carrier does not
/// deliver to: the customer hears it before an order exists, in words of the field to change.
/// </summary>
public sealed class AddressCheck(IShippingApi shipping, IOptions<MobileTimeouts> timeouts, ILogger<AddressCheck> logger)
{
    /// <summary>The prefix of the address's fields, the same in Shipping's quote and in the app's checkout.</summary>
    private const string AddressPrefix = "address.";

    public async Task<AddressCheckOutcome> CheckAsync(DeliveryAddress address, IReadOnlyList<CartItem> items, CancellationToken cancellationToken)
    {
        var quote = new QuoteRequest(
            new ShippingAddress(address.Name, address.Line1, address.Line2, address.City, address.PostalCode, address.Country),
            [.. items.Select(item => new ShipmentLine(item.ProductId, item.Quantity))]);
        try
        {
            var response = await Downstream.WithinAsync(timeouts.Value.AddressCheck, token => shipping.QuoteAsync(quote, token), cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return new AddressCheckOutcome.Deliverable();
            }

            if (response is { StatusCode: System.Net.HttpStatusCode.BadRequest or System.Net.HttpStatusCode.UnprocessableEntity, Error: ApiException refusal }
                && await RefusedFieldAsync(refusal) is { } refused)
            {
                return refused;
            }

            logger.LogWarning(response.Error, "Shipping answered {StatusCode} to the checkout's quote; the order goes on", (int?)response.StatusCode);
        }
        catch (Exception exception) when (Downstream.IsUnavailable(exception, cancellationToken))
        {
            logger.LogWarning(exception, "Shipping could not check the checkout's address; the order goes on");
        }

        return new AddressCheckOutcome.NotChecked();
    }

    /// <summary>The address field of Shipping's refusal: a 422's <c>field</c>, or a 400's first error under <c>address</c>.</summary>
    private static async Task<AddressCheckOutcome.Undeliverable?> RefusedFieldAsync(ApiException refusal)
    {
        var problem = await refusal.GetContentAsAsync<HttpValidationProblemDetails>();
        if (problem is null)
        {
            return null;
        }

        if (problem.Extensions.TryGetValue("field", out var field) && field is JsonElement { ValueKind: JsonValueKind.String } named
            && CheckoutField(named.GetString()!) is { } checkoutField)
        {
            return new AddressCheckOutcome.Undeliverable(checkoutField, problem.Detail ?? "The carrier does not deliver to this address.");
        }

        return problem.Errors
            .Select(error => CheckoutField(error.Key) is { } invalidField ? new AddressCheckOutcome.Undeliverable(invalidField, string.Join(" ", error.Value)) : null)
            .FirstOrDefault(undeliverable => undeliverable is not null);
    }

    /// <summary>Shipping's name of an address field (<c>address.recipientName</c>) as the checkout names it (<c>address.name</c>).</summary>
    public static string? CheckoutField(string shippingField)
    {
        if (!shippingField.StartsWith(AddressPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var part = shippingField[AddressPrefix.Length..];
        return AddressPrefix + (part.Equals("recipientName", StringComparison.OrdinalIgnoreCase) ? "name" : JsonNamingPolicy.CamelCase.ConvertName(part));
    }
}
