using System.Globalization;

namespace Commerce.Bff.Web.Client;

/// <summary>Amounts as a customer reads them: the currency's symbol where it has a well-known one, else its code.</summary>
public static class Money
{
    public static string Format(decimal amount, string currency)
    {
        var number = amount.ToString("#,0.00", CultureInfo.InvariantCulture);
        return currency.ToUpperInvariant() switch
        {
            "USD" => $"${number}",
            "EUR" => $"€{number}",
            "GBP" => $"£{number}",
            var code => $"{number} {code}",
        };
    }
}
