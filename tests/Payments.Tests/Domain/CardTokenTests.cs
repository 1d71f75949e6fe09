using Commerce.Payments.Api.Domain;

namespace Commerce.Payments.Tests.Domain;

public sealed class CardTokenTests
{
    [Fact]
    public void A_new_token_is_tok_and_32_lowercase_hex_digits_and_never_repeats()
    {
        var tokens = Enumerable.Range(0, 1000).Select(_ => CardToken.New()).ToList();

        Assert.All(tokens, token => Assert.Matches("^tok_[0-9a-f]{32}$", token));
        Assert.All(tokens, token => Assert.True(CardToken.IsWellFormed(token)));
        Assert.Equal(tokens.Count, tokens.Distinct().Count());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("tok_")]
    [InlineData("tok_0123456789abcdef0123456789abcde")]
    [InlineData("tok_0123456789abcdef0123456789abcdef0")]
    [InlineData("tok_0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("tak_0123456789abcdef0123456789abcdef")]
    [InlineData(" tok_0123456789abcdef0123456789abcdef")]
    public void Anything_else_is_not_a_token(string? token) => Assert.False(CardToken.IsWellFormed(token));
}
