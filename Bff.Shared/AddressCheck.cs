using System.Text.Json;
using Commerce.Shipping.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Refit;

namespace Commerce.Bff.Shared;

/// <summary>What Shipping said of a checkout's address: it delivers there, it does not (and which field), or nothing.</summary>
public abstract record AddressCheckOutcome
{
    public sealed record Deliverable : AddressCheckOutcome;

    /// <summary>
    /// <see cref="AddressField"/> is the field within the address (<c>country</c>, <c>name</c>, <c>postalCode</c>): each
    /// BFF names it in its own request's terms (<c>shippingAddress.country</c>, <c>address.country</c>).
    /// </summary>
    public sealed record Undeliverable(string AddressField, string Detail) : AddressCheckOutcome;

    /// <summary>Shipping did not answer in time: Ordering applies the carrier's rules at placement all the same.</summary>
    public sealed record NotChecked : AddressCheckOutcome;
}

/// <summary>
/// Asks Shipping for a quote of the cart to the checkout's address, which it refuses for an address the carrier does not
/// deliver to: the customer hears it before an order exists, in words of the field to change.
/// </summary>
public sealed class AddressCheck(IShippingApi shipping, IOptions<BffTimeouts> timeouts, ILogger<AddressCheck> logger)
{
    private const string ShippingAddressPrefix = "address.";

    public async Task<AddressCheckOutcome> CheckAsync(ShippingAddress address, IReadOnlyList<ShipmentLine> lines, CancellationToken cancellationToken)
    {
        var quote = new QuoteRequest(address, lines);
        try
        {
            var response = await DownstreamFaults.WithinAsync(timeouts.Value.AddressCheck, token => shipping.QuoteAsync(quote, token), cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return new AddressCheckOutcome.Deliverable();
            }

            if (response is { StatusCode: System.Net.HttpStatusCode.BadRequest or System.Net.HttpStatusCode.UnprocessableEntity, Error: ApiException refusal }
                && await RefusedFieldAsync(refusal) is { } refused)
            {
                return refused;
            }

            logger.LogWarning(response.Error, "Shipping answered {StatusCode} to the checkout's quote; the order goes on, and Ordering applies the carrier's rules", (int?)response.StatusCode);
        }
        catch (Exception exception) when (DownstreamFaults.IsUnavailable(exception, cancellationToken))
        {
            logger.LogWarning(exception, "Shipping could not check the checkout's address; the order goes on, and Ordering applies the carrier's rules");
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

        if (problem.Extensions.TryGetValue("field", out var field) && ProblemExtensionValue.AsString(field) is { } named
            && AddressField(named) is { } addressField)
        {
            return new AddressCheckOutcome.Undeliverable(addressField, problem.Detail ?? "The carrier does not deliver to this address.");
        }

        foreach (var (name, messages) in problem.Errors)
        {
            if (AddressField(name) is { } invalidField)
            {
                return new AddressCheckOutcome.Undeliverable(invalidField, string.Join(" ", messages));
            }
        }

        return null;
    }

    /// <summary>Shipping's name of an address field (<c>address.recipientName</c>) as a customer's address names it (<c>name</c>).</summary>
    private static string? AddressField(string shippingField)
    {
        if (!shippingField.StartsWith(ShippingAddressPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var part = shippingField[ShippingAddressPrefix.Length..];
        return part.Equals("recipientName", StringComparison.OrdinalIgnoreCase) ? "name" : JsonNamingPolicy.CamelCase.ConvertName(part);
    }
}
