using System.Text.RegularExpressions;

namespace Commerce.Ordering.Api.Domain;

/// <summary>Payments' card token format (<c>tok_</c> and 32 lowercase hexadecimal digits): an order never holds a card number.</summary>
public static partial class PaymentToken
{
    public static bool IsWellFormed(string? token) => token is not null && Format().IsMatch(token);

    [GeneratedRegex("^tok_[0-9a-f]{32}$")]
    private static partial Regex Format();
}
