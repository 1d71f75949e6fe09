using System.Net;

namespace Commerce.Identity.Tests.Accounts;

public sealed class SignInRateLimitTests(SignInRateLimitTests.ThrottledProvider provider) : IClassFixture<SignInRateLimitTests.ThrottledProvider>
{
    [Fact]
    public async Task Sign_in_posts_beyond_the_limit_are_refused_with_429_and_Retry_After_while_the_form_still_shows()
    {
        using var browser = provider.CreateBrowser();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var page = await browser.GetAsync("/account/sign-in");
            var answer = await browser.SubmitAsync(page, new Dictionary<string, string> { ["Form.Email"] = "someone@example.com", ["Form.Password"] = "guess" });
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        }

        var form = await browser.GetAsync("/account/sign-in");
        var throttled = await browser.SubmitAsync(form, new Dictionary<string, string> { ["Form.Email"] = "someone@example.com", ["Form.Password"] = "guess" });

        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.NotNull(throttled.Headers.RetryAfter);
    }

    public sealed class ThrottledProvider : IdentityProviderFactory
    {
        public ThrottledProvider()
        {
            SignInPermitLimit = 3;
        }
    }
}
