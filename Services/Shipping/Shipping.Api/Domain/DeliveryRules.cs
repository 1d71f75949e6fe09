using System.Collections.Frozen;
using System.Text.RegularExpressions;
using Commerce.Shipping.Contracts;

namespace Commerce.Shipping.Api.Domain;

/// <summary>Why an address cannot be delivered to, and which field of the request says so.</summary>
public sealed record Undeliverable(string Field, string Detail);

/// <summary>
/// Where the carrier does not go. It has no service to <see cref="UnservedCountries"/> (uninhabited territories with
/// no postal service, and countries under embargo), and it delivers to doors only, so a post-office box in either
/// address line is refused. Deterministic: the address alone decides.
/// </summary>
public static partial class DeliveryRules
{
    public static readonly FrozenSet<string> UnservedCountries = FrozenSet.Create(StringComparer.Ordinal,
        "AQ", // Antarctica
        "BV", // Bouvet Island
        "HM", // Heard Island and McDonald Islands
        "CU", // Cuba
        "IR", // Iran
        "KP", // North Korea
        "SY"); // Syria

    /// <summary>Null when the carrier can deliver to <paramref name="address"/>.</summary>
    public static Undeliverable? Check(ShippingAddress address)
    {
        if (UnservedCountries.Contains(address.Country))
        {
            return new("address.country", $"The carrier does not deliver to {address.Country}.");
        }

        if (PostOfficeBox().IsMatch(address.Line1))
        {
            return new("address.line1", "The carrier delivers to doors only, not to post-office boxes.");
        }

        if (address.Line2 is { } line2 && PostOfficeBox().IsMatch(line2))
        {
            return new("address.line2", "The carrier delivers to doors only, not to post-office boxes.");
        }

        return null;
    }

    // "PO Box 12", "P.O. Box", "POBox", "POB 12", "Post Office Box", German "Postfach", French "Boîte postale";
    // "12 Box Hill Road" and "Pobble Lane" are streets and pass.
    [GeneratedRegex(
        @"\b(?:p\.?\s*o\.?\s*box\b|pob\s*\d|post\s+office\s+box\b|postfach\b|bo[iî]te\s+postale\b)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PostOfficeBox();
}
