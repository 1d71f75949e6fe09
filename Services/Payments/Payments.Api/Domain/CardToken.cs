using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Commerce.Payments.Api.Domain;

/// <summary>
/// What callers hold instead of a card number: <c>tok_</c> and 32 lowercase hexadecimal digits (128 random bits),
/// unguessable and carrying nothing of the card.
/// </summary>
public static partial class CardToken
{
    public const string Prefix = "tok_";

    public static string New() => Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static bool IsWellFormed(string? token) => token is not null && Format().IsMatch(token);

    [GeneratedRegex("^tok_[0-9a-f]{32}$")]
    private static partial Regex Format();
}
