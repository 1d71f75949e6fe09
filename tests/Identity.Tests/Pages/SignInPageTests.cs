using Commerce.Identity.Api.Accounts;
using Commerce.Testing.Browser;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

// One browser for every browser test in this assembly.
[assembly: AssemblyFixture(typeof(ChromiumFixture))]

namespace Commerce.Identity.Tests.Pages;

/// <summary>The sign-in page in a real browser (Debian's Chromium), as a customer uses it.</summary>
public sealed class SignInPageTests(SignInPageServer provider, ChromiumFixture chromium)
    : BrowserTest(chromium), IClassFixture<SignInPageServer>
{
    [Fact]
    public async Task A_customer_signs_in_with_the_keyboard_alone_and_lands_signed_in()
    {
        var customer = await Customers.CreateAsync(provider);
        var page = await OpenPageAsync(provider.Address);
        await page.GotoAsync("/account/sign-in");

        // The focus order a keyboard user meets: the site link, then the form in reading order.
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Commerce account" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("E-mail")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(customer.Email!);
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByLabel("Password")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(Customers.Password);
        await page.Keyboard.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(new Uri(provider.Address, "/").ToString());
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync($"You are signed in as {customer.Email}.");
        await ScreenshotAsync(page, "identity-signed-in");
    }

    [Fact]
    public async Task A_wrong_password_shows_the_one_refusal_announced_as_an_alert()
    {
        var customer = await Customers.CreateAsync(provider);
        var page = await OpenPageAsync(provider.Address);
        await page.GotoAsync("/account/sign-in");

        await page.GetByLabel("E-mail").FillAsync(customer.Email!);
        await page.GetByLabel("Password").FillAsync("not the password at all");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).PressAsync("Enter");

        // role=alert makes screen readers announce the refusal as soon as the page shows it.
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(SignInMessages.Refused);
        await Expect(page).ToHaveURLAsync(new Uri(provider.Address, "/account/sign-in").ToString());
        await ScreenshotAsync(page, "identity-sign-in-refused");
    }

    [Fact]
    public async Task The_sign_in_page_has_a_language_one_main_landmark_and_a_label_for_every_field()
    {
        var page = await OpenPageAsync(provider.Address);
        await page.GotoAsync("/account/sign-in");

        Assert.False(string.IsNullOrWhiteSpace(await page.Locator("html").GetAttributeAsync("lang")), "The page sets no lang.");
        await Expect(page.GetByRole(AriaRole.Main)).ToHaveCountAsync(1);
        // Every field a customer can reach, and the names a screen reader gives them (from <label>, aria-label or
        // aria-labelledby, as the browser computes them): none may be nameless.
        var fields = page.Locator("input:not([type=hidden]), select, textarea");
        Assert.Equal(2, await fields.CountAsync());
        foreach (var field in await fields.AllAsync())
        {
            var name = await field.EvaluateAsync<string>("field => field.labels?.length ? field.labels[0].textContent.trim() : (field.getAttribute('aria-label') ?? '')");
            Assert.False(string.IsNullOrWhiteSpace(name), $"The field {await field.GetAttributeAsync("name")} has no label.");
        }

        await ScreenshotAsync(page, "identity-sign-in");
    }

    [Fact]
    public async Task The_sign_in_page_breaks_no_WCAG_2_AA_rule_before_or_after_a_refusal()
    {
        var page = await OpenPageAsync(provider.Address);
        await page.GotoAsync("/account/sign-in");
        Assert.Empty(await Accessibility.ViolationsAsync(page));

        await page.GetByLabel("E-mail").FillAsync($"nobody-{Guid.NewGuid():N}@example.com");
        await page.GetByLabel("Password").FillAsync("not the password at all");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        Assert.Empty(await Accessibility.ViolationsAsync(page));
    }
}
