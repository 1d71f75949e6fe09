namespace Commerce.Payments.Api.Domain;

/// <summary>
/// Rules about a card number that need no I/O: its shape, its Luhn check digit, the brand its prefix names and its
/// last four digits. Clients may group the digits with spaces or hyphens, as printed on the card.
/// </summary>
public static class CardNumber
{
    public const int MinDigits = 12;
    public const int MaxDigits = 19;

    /// <summary>The digits alone, or null if <paramref name="number"/> holds anything but digits, spaces and hyphens.</summary>
    public static string? Digits(string? number)
    {
        if (string.IsNullOrWhiteSpace(number))
        {
            return null;
        }

        var digits = new char[number.Length];
        var count = 0;
        foreach (var character in number)
        {
            if (char.IsAsciiDigit(character))
            {
                digits[count++] = character;
            }
            else if (character is not (' ' or '-'))
            {
                return null;
            }
        }

        return new string(digits, 0, count);
    }

    /// <summary>True when <paramref name="number"/> has 12–19 digits and a valid Luhn check digit.</summary>
    public static bool IsValid(string? number) =>
        Digits(number) is { Length: >= MinDigits and <= MaxDigits } digits && PassesLuhn(digits);

    /// <summary>The Luhn (mod 10) check: every second digit from the right doubled, the digit sum a multiple of ten.</summary>
    public static bool PassesLuhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var digit = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
        }

        return sum % 10 == 0;
    }

    /// <summary>The card scheme its issuer prefix names: visa, mastercard, amex, discover, or other.</summary>
    public static string BrandOf(string digits)
    {
        var two = int.Parse(digits.AsSpan(0, 2), provider: System.Globalization.CultureInfo.InvariantCulture);
        var four = int.Parse(digits.AsSpan(0, 4), provider: System.Globalization.CultureInfo.InvariantCulture);
        return digits[0] switch
        {
            '4' => "visa",
            _ when two is >= 51 and <= 55 || four is >= 2221 and <= 2720 => "mastercard",
            _ when two is 34 or 37 => "amex",
            _ when four == 6011 || two == 65 || four / 10 is >= 644 and <= 649 => "discover",
            _ => "other",
        };
    }

    public static string Last4(string digits) => digits[^4..];
}
