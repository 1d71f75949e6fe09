using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Commerce.Shipping.Addresses;

/// <summary>
/// Why an address cannot be delivered to, and which of its fields says so: <see cref="Field"/> is the field's JSON
/// name within the address (<c>country</c>, <c>line1</c>, <c>line2</c>); <see cref="Under"/> puts it in a request.
/// </summary>
public sealed record Undeliverable(string Field, string Detail)
{
    /// <summary>The same refusal, its field named as a request holds the address (<c>address.country</c>).</summary>
    public Undeliverable Under(string addressField) => this with { Field = $"{addressField}.{Field}" };
}

/// <summary>
/// Where the carrier does not go. It has no service to <see cref="UnservedCountries"/> (uninhabited territories with
/// no postal service, and countries under embargo), and it delivers to doors only, so a post-office box in either
/// address line is refused. Deterministic: the address alone decides. Asked only of addresses that pass
/// <see cref="PostalAddressValidator{TAddress}"/>.
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

    /// <summary>Null when the carrier can deliver to the address with these lines and country.</summary>
    public static Undeliverable? Check(string line1, string? line2, string country)
    {
        if (UnservedCountries.Contains(country))
        {
            return new("country", $"The carrier does not deliver to {country}.");
        }

        if (PostOfficeBox().IsMatch(line1))
        {
            return new("line1", "The carrier delivers to doors only, not to post-office boxes.");
        }

        if (line2 is not null && PostOfficeBox().IsMatch(line2))
        {
            return new("line2", "The carrier delivers to doors only, not to post-office boxes.");
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
