namespace Commerce.Identity.Tests.Oidc;

public sealed class RefreshTokenTests(IdentityProviderFactory provider) : IClassFixture<IdentityProviderFactory>
{
    [Fact]
    public async Task Each_refresh_returns_a_new_refresh_token_and_retires_the_one_presented()
    {
        var (mobile, first) = await SignedInMobileAppAsync();

        var second = (await mobile.RefreshAsync(first.RefreshToken!)).AssertIssued();
        var third = (await mobile.RefreshAsync(second.RefreshToken!)).AssertIssued();

        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        Assert.NotEqual(second.RefreshToken, third.RefreshToken);
        Assert.Equal(ResourceServer.Read(first.AccessToken!).Subject, ResourceServer.Read(third.AccessToken!).Subject);
    }

    [Fact]
    public async Task A_reused_refresh_token_is_refused_and_revokes_every_token_of_that_sign_in()
    {
        var (mobile, first) = await SignedInMobileAppAsync();
        var second = (await mobile.RefreshAsync(first.RefreshToken!)).AssertIssued();

        // Someone replays the retired token (a stolen copy, or the app's own after the thief used it first).
        (await mobile.RefreshAsync(first.RefreshToken!)).AssertRefused("invalid_grant");

        // The chain it belonged to is revoked: the legitimate holder of the newest token must sign in again.
        (await mobile.RefreshAsync(second.RefreshToken!)).AssertRefused("invalid_grant");
    }

    [Fact]
    public async Task Revoking_a_refresh_token_ends_it()
    {
        var (mobile, tokens) = await SignedInMobileAppAsync();
        using var revoke = await provider.CreateClient().PostAsync("/connect/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = mobile.ClientId,
            ["token"] = tokens.RefreshToken!,
            ["token_type_hint"] = "refresh_token",
        }), TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.OK, revoke.StatusCode);
        (await mobile.RefreshAsync(tokens.RefreshToken!)).AssertRefused("invalid_grant");
    }

    [Fact]
    public async Task Another_sign_in_of_the_same_customer_survives_a_revoked_chain()
    {
        var customer = await Customers.CreateAsync(provider);
        var mobile = OidcClient.BffMobile(provider);
        var phone = await SignInAsync(mobile, customer.Email!);
        var tablet = await SignInAsync(mobile, customer.Email!);

        var phoneNext = (await mobile.RefreshAsync(phone.RefreshToken!)).AssertIssued();
        (await mobile.RefreshAsync(phone.RefreshToken!)).AssertRefused("invalid_grant");
        (await mobile.RefreshAsync(phoneNext.RefreshToken!)).AssertRefused("invalid_grant");

        (await mobile.RefreshAsync(tablet.RefreshToken!)).AssertIssued();
    }

    private async Task<(OidcClient Mobile, TokenResponse Tokens)> SignedInMobileAppAsync()
    {
        var customer = await Customers.CreateAsync(provider);
        var mobile = OidcClient.BffMobile(provider);
        return (mobile, await SignInAsync(mobile, customer.Email!));
    }

    private async Task<TokenResponse> SignInAsync(OidcClient client, string email)
    {
        using var browser = provider.CreateBrowser();
        var (code, verifier) = await client.SignInAsync(browser, email, Customers.Password);
        var tokens = (await client.RedeemAsync(code, verifier)).AssertIssued();
        Assert.NotNull(tokens.RefreshToken);
        return tokens;
    }
}
