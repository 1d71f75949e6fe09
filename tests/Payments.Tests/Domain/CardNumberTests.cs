using Commerce.Payments.Api.Domain;
using Commerce.Payments.Api.Processing;

namespace Commerce.Payments.Tests.Domain;

public sealed class CardNumberTests
{
    public static TheoryData<string> TestCardNumbers => [.. TestCards.All.Select(card => card.Number)];

    [Theory]
    [MemberData(nameof(TestCardNumbers))]
    public void Every_test_card_is_a_valid_card_number(string number) => Assert.True(CardNumber.IsValid(number));

    [Theory]
    [InlineData("4242424242424241")]
    [InlineData("4242424242424243")]
    [InlineData("5555555555554445")]
    public void A_wrong_check_digit_fails_the_Luhn_check(string number) => Assert.False(CardNumber.IsValid(number));

    [Theory]
    [InlineData("4242 4242 4242 4242", "4242424242424242")]
    [InlineData("4242-4242-4242-4242", "4242424242424242")]
    [InlineData("4242.4242.4242.4242", null)]
    [InlineData("4242x", null)]
    [InlineData("   ", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Spaces_and_hyphens_are_ignored_and_anything_else_is_refused(string? number, string? digits) =>
        Assert.Equal(digits, CardNumber.Digits(number));

    [Theory]
    [InlineData("42424242426")]
    [InlineData("42424242424242424242")]
    public void A_number_must_have_12_to_19_digits(string number) => Assert.False(CardNumber.IsValid(number));

    [Theory]
    [InlineData("4242424242424242", "visa")]
    [InlineData("5105105105105100", "mastercard")]
    [InlineData("2221000000000009", "mastercard")]
    [InlineData("2720990000000007", "mastercard")]
    [InlineData("378282246310005", "amex")]
    [InlineData("341111111111111", "amex")]
    [InlineData("6011111111111117", "discover")]
    [InlineData("6445644564456445", "discover")]
    [InlineData("6500000000000002", "discover")]
    [InlineData("3530111333300000", "other")]
    public void The_brand_follows_from_the_issuer_prefix(string digits, string brand) => Assert.Equal(brand, CardNumber.BrandOf(digits));

    [Fact]
    public void The_last_four_digits_are_the_end_of_the_number() => Assert.Equal("4444", CardNumber.Last4("5555555555554444"));
}
