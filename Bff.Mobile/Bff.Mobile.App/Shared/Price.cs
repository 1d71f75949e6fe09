using System.Globalization;

namespace Commerce.Bff.Mobile.App.Shared;

/// <summary>An amount as the customer reads it: with the currency's sign where it has a common one, else its code.</summary>
public static class Price
{
    public static string Of(decimal amount, string currency)
    {
        var figure = amount.ToString("N2", CultureInfo.InvariantCulture);
        var sign = currency.ToUpperInvariant() switch
        {
            "USD" => "$",
            "EUR" => "€",
            "GBP" => "£",
            _ => null,
        };
        return sign is null ? $"{figure} {currency}" : sign + figure;
    }
}
