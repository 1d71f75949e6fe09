using System.Net;
using System.Text.RegularExpressions;
using Commerce.Identity.Api.Accounts;
using Commerce.Identity.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Identity.Tests.Accounts;

public sealed partial class SignInTests(IdentityProviderFactory provider) : IClassFixture<IdentityProviderFactory>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_unknown_email_and_a_wrong_password_get_the_same_answer()
    {
        var customer = await Customers.CreateAsync(provider);
        var unknown = $"nobody-{Guid.NewGuid():N}@example.com";

        var (wrongStatus, wrongPage) = await SignInAsync(customer.Email!, "not the password at all");
        var (unknownStatus, unknownPage) = await SignInAsync(unknown, "not the password at all");

        Assert.Equal(wrongStatus, unknownStatus);
        Assert.Contains(SignInMessages.Refused, wrongPage, StringComparison.Ordinal);
        // Identical but for the e-mail typed (shown back in its field) and the per-response antiforgery token.
        Assert.Equal(Normalized(wrongPage, customer.Email!), Normalized(unknownPage, unknown));
    }

    [Fact]
    public async Task Five_failed_attempts_lock_the_account_and_then_even_the_right_password_is_refused_with_the_same_answer()
    {
        var customer = await Customers.CreateAsync(provider);
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var (_, page) = await SignInAsync(customer.Email!, $"wrong password {attempt}");
            Assert.Contains(SignInMessages.Refused, page, StringComparison.Ordinal);
        }

        using var browser = provider.CreateBrowser();
        var signIn = await browser.GetAsync("/account/sign-in");
        var refused = await browser.SubmitAsync(signIn, new Dictionary<string, string> { ["Form.Email"] = customer.Email!, ["Form.Password"] = Customers.Password });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(SignInMessages.Refused, await refused.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        Assert.DoesNotContain(browser.Cookies.GetAllCookies(), cookie => cookie.Name == "commerce-identity");
        await using var scope = provider.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<IdentityDb>().Users.SingleAsync(user => user.Id == customer.Id, Cancellation);
        Assert.True(stored.LockoutEnd > DateTimeOffset.UtcNow.AddMinutes(10));
    }

    [Fact]
    public async Task The_right_password_signs_in_and_resets_the_failure_count()
    {
        var customer = await Customers.CreateAsync(provider);
        await SignInAsync(customer.Email!, "wrong password");

        using var browser = provider.CreateBrowser();
        var signedIn = await browser.SubmitAsync(await browser.GetAsync("/account/sign-in"),
            new Dictionary<string, string> { ["Form.Email"] = customer.Email!, ["Form.Password"] = Customers.Password });

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/", signedIn.Headers.Location!.OriginalString);
        Assert.Contains(browser.Cookies.GetAllCookies(), cookie => cookie.Name == "commerce-identity" && cookie.HttpOnly);
        await using var scope = provider.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<IdentityDb>().Users.SingleAsync(user => user.Id == customer.Id, Cancellation);
        Assert.Equal(0, stored.AccessFailedCount);
    }

    [Theory]
    [InlineData("https://evil.example/steal")]
    [InlineData("//evil.example/steal")]
    [InlineData("/\\evil.example/steal")]
    public async Task Signing_in_never_redirects_off_site(string returnUrl)
    {
        var customer = await Customers.CreateAsync(provider);
        using var browser = provider.CreateBrowser();
        var page = await browser.GetAsync($"/account/sign-in?ReturnUrl={Uri.EscapeDataString(returnUrl)}");

        var signedIn = await browser.SubmitAsync(page, new Dictionary<string, string> { ["Form.Email"] = customer.Email!, ["Form.Password"] = Customers.Password });

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/", signedIn.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_sign_in_post_without_the_antiforgery_token_is_refused()
    {
        var customer = await Customers.CreateAsync(provider);
        using var browser = provider.CreateBrowser();
        await browser.GetAsync("/account/sign-in");

        using var forged = await browser.Http.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.Email"] = customer.Email!,
            ["Form.Password"] = Customers.Password,
        }), Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.DoesNotContain(browser.Cookies.GetAllCookies(), cookie => cookie.Name == "commerce-identity");
    }

    [Fact]
    public async Task The_sign_in_form_labels_every_field_and_carries_an_antiforgery_token()
    {
        using var browser = provider.CreateBrowser();
        var document = await Browser.ReadPageAsync(await browser.GetAsync("/account/sign-in"));

        Assert.Equal("en", document.DocumentElement.GetAttribute("lang"));
        foreach (var input in document.QuerySelectorAll("input:not([type=hidden])"))
        {
            Assert.NotNull(document.QuerySelector($"label[for='{input.Id}']"));
        }

        Assert.NotNull(document.QuerySelector("form[method=post] input[name=__RequestVerificationToken]"));
    }

    [Fact]
    public async Task Registering_creates_a_customer_with_a_hashed_password_and_signs_them_in()
    {
        var email = $"new-{Guid.NewGuid():N}@example.com";
        const string password = "a long enough passphrase";
        using var browser = provider.CreateBrowser();
        var page = await browser.GetAsync("/account/register");

        var registered = await browser.SubmitAsync(page, new Dictionary<string, string>
        {
            ["Form.Email"] = email,
            ["Form.DisplayName"] = "New Customer",
            ["Form.Password"] = password,
            ["Form.ConfirmPassword"] = password,
        });

        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.Contains(browser.Cookies.GetAllCookies(), cookie => cookie.Name == "commerce-identity");
        await using var scope = provider.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<IdentityDb>().Users.SingleAsync(user => user.Email == email, Cancellation);
        Assert.Equal("New Customer", stored.DisplayName);
        Assert.DoesNotContain(password, stored.PasswordHash!, StringComparison.Ordinal);
        Assert.Equal(0x01, Convert.FromBase64String(stored.PasswordHash!)[0]); // Identity's v3 format: PBKDF2
    }

    [Fact]
    public async Task Registering_with_a_short_password_names_the_field()
    {
        using var browser = provider.CreateBrowser();
        var refused = await browser.SubmitAsync(await browser.GetAsync("/account/register"), new Dictionary<string, string>
        {
            ["Form.Email"] = $"short-{Guid.NewGuid():N}@example.com",
            ["Form.DisplayName"] = "Short",
            ["Form.Password"] = "short",
            ["Form.ConfirmPassword"] = "short",
        });

        var document = await Browser.ReadPageAsync(refused);
        Assert.Contains("at least 10 characters", document.QuerySelector("#password-error")!.TextContent, StringComparison.Ordinal);
    }

    private async Task<(HttpStatusCode Status, string Page)> SignInAsync(string email, string password)
    {
        using var browser = provider.CreateBrowser();
        var page = await browser.GetAsync("/account/sign-in");
        var answer = await browser.SubmitAsync(page, new Dictionary<string, string> { ["Form.Email"] = email, ["Form.Password"] = password });
        return (answer.StatusCode, await answer.Content.ReadAsStringAsync(Cancellation));
    }

    private static string Normalized(string page, string email) =>
        AntiforgeryToken().Replace(page, "token").Replace(email, "email", StringComparison.Ordinal);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\"")]
    private static partial Regex AntiforgeryToken();
}
