using Commerce.Bff.Web.Client.Screens;

namespace Commerce.Bff.Web.Client.Checkout;

/// <summary>What the customer types at checkout, as typed; <see cref="TryRead"/> turns it into requests.</summary>
public sealed class CheckoutForm
{
    public static readonly string[] AddressFields = ["name", "line1", "line2", "city", "postalCode", "country"];

    public static readonly string[] CardFields = ["number", "expiryMonth", "expiryYear", "cvc"];

    public string? Name { get; set; }

    public string? Line1 { get; set; }

    public string? Line2 { get; set; }

    public string? City { get; set; }

    public string? PostalCode { get; set; }

    public string? Country { get; set; } = "US";

    public string? CardNumber { get; set; }

    public string? ExpiryMonth { get; set; }

    public string? ExpiryYear { get; set; }

    public string? Cvc { get; set; }

    public DeliveryAddress Address => new(
        Clean(Name), Clean(Line1), string.IsNullOrWhiteSpace(Line2) ? null : Line2.Trim(), Clean(City), Clean(PostalCode), Clean(Country).ToUpperInvariant());

    /// <summary>
    /// The card, or the fields that are not even numbers (the form's own check: everything else is the BFF's to judge,
    /// so the customer reads one set of rules).
    /// </summary>
    public SaveCardRequest? TryReadCard(FieldErrors errors)
    {
        var month = int.TryParse(ExpiryMonth, out var parsedMonth) ? parsedMonth : (int?)null;
        var year = int.TryParse(ExpiryYear, out var parsedYear) ? parsedYear : (int?)null;
        if (month is null)
        {
            errors.Add("expiryMonth", "Enter the month as a number, 1 to 12.");
        }

        if (year is null)
        {
            errors.Add("expiryYear", "Enter the year as a number, such as 2030.");
        }

        return month is { } m && year is { } y
            ? new SaveCardRequest(new string([.. Clean(CardNumber).Where(char.IsDigit)]), m, y < 100 ? 2000 + y : y, Clean(Cvc))
            : null;
    }

    private static string Clean(string? typed) => typed?.Trim() ?? "";
}
