using Commerce.Testing.Browser;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

// One browser for every browser test in this assembly.
[assembly: AssemblyFixture(typeof(ChromiumFixture))]

namespace Commerce.Bff.Web.Tests.Pages;

/// <summary>The storefront in a real browser (Debian's Chromium), served by the BFF over loopback against the real services.</summary>
public sealed class StorefrontBrowserTests(Downstream downstream, ChromiumFixture chromium) : BrowserTest(chromium), IAsyncLifetime
{
    private const int ProductId = 1;

    private readonly ServedStorefront _storefront = new(downstream);
    private readonly List<string> _consoleErrors = [];

    private Uri Site => _storefront.Site;

    public ValueTask InitializeAsync()
    {
        _storefront.Start();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task The_home_page_shows_the_featured_grid_and_breaks_no_WCAG_2_AA_rule()
    {
        var page = await OpenStorefrontAsync();
        await page.GotoAsync("/");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Featured products" })).ToBeVisibleAsync();
        await Expect(page.Locator(".product-grid img")).ToHaveCountAsync(8);
        // The images load lazily: bring them into view, then each must have loaded (through the BFF, under the CSP).
        await page.Locator(".product-grid li").Last.ScrollIntoViewIfNeededAsync();
        await page.WaitForFunctionAsync("() => [...document.querySelectorAll('.product-grid img')].every(image => image.complete && image.naturalWidth > 0)");
        await Expect(page.GetByRole(AriaRole.Banner)).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Main)).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Contentinfo)).ToHaveCountAsync(1);
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await ScreenshotAsync(page, "storefront-home");
        Assert.Empty(await Accessibility.ViolationsAsync(page));
        Assert.Empty(_consoleErrors);
    }

    [Fact]
    public async Task On_the_product_page_a_customer_adds_to_the_cart_with_the_keyboard_and_the_header_badge_counts_it()
    {
        var page = await OpenStorefrontAsync();
        await page.GotoAsync($"/products/{ProductId}");

        // The add-to-cart island runs on WebAssembly: its button exists only once the runtime started under the CSP.
        var add = page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" });
        await Expect(add).ToBeEnabledAsync(new() { Timeout = 60_000 });
        await page.GetByLabel("Quantity").SelectOptionAsync("2");
        await add.FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Added 2 to your cart" })).ToBeVisibleAsync();
        await Expect(page.Locator(".cart-count")).ToHaveTextAsync("2 items");
        Assert.Equal("[{\"productId\":1,\"quantity\":2}]", await page.EvaluateAsync<string>("localStorage.getItem('commerce.cart')"));
        await ScreenshotAsync(page, "storefront-product");
        Assert.Empty(await Accessibility.ViolationsAsync(page));
        Assert.Empty(_consoleErrors);
    }

    [Fact]
    public async Task The_cart_page_prices_the_browsers_cart_and_follows_quantity_changes_and_removal()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var product = (await downstream.CatalogClient().GetProductAsync(ProductId, cancellationToken)).Content!;
        var page = await OpenStorefrontAsync();
        await page.GotoAsync($"/products/{ProductId}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync(new() { Timeout = 60_000 });
        await page.GetByRole(AriaRole.Link, new() { Name = "View cart" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Uri(Site, "/cart").ToString());
        var line = page.GetByRole(AriaRole.List, new() { Name = "Items in your cart" }).GetByRole(AriaRole.Listitem);
        await Expect(line).ToContainTextAsync(product.Name, new() { Timeout = 60_000 });
        await page.GetByLabel($"Quantity of {product.Name}").SelectOptionAsync("3");
        await Expect(page.Locator(".cart-summary__total dd")).ToHaveTextAsync($"${product.Price * 3:0.00}");
        await Expect(page.Locator(".cart-count")).ToHaveTextAsync("3 items");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Checkout" })).ToHaveAttributeAsync("href", "/checkout");
        await ScreenshotAsync(page, "storefront-cart");
        Assert.Empty(await Accessibility.ViolationsAsync(page));

        await page.GetByRole(AriaRole.Button, new() { Name = $"Remove {product.Name}" }).ClickAsync();

        await Expect(page.GetByText("Your cart is empty.")).ToBeVisibleAsync();
        await Expect(page.Locator(".cart-count")).ToHaveCountAsync(0);
        Assert.Empty(_consoleErrors);
    }

    [Fact]
    public async Task Checkout_asks_a_visitor_to_sign_in_and_come_back()
    {
        var page = await OpenStorefrontAsync();
        await page.GotoAsync("/checkout");

        await Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Sign in" }))
            .ToHaveAttributeAsync("href", "/account/sign-in?returnUrl=%2Fcheckout");
        Assert.Empty(await Accessibility.ViolationsAsync(page));
    }

    [Fact]
    public async Task A_refused_checkout_shows_each_field_error_under_its_field_and_places_nothing()
    {
        var (_, page) = await OpenSignedInAsync();
        await page.GotoAsync($"/products/{ProductId}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync(new() { Timeout = 60_000 });
        await page.GotoAsync("/checkout");
        await Expect(page.GetByLabel("Full name")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await page.GetByLabel("Card number").FillAsync("4242 4242 4242 4242");
        await page.GetByLabel("Expiry month").FillAsync("12");
        await page.GetByLabel("Expiry year").FillAsync((DateTime.UtcNow.Year + 2).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Security code").FillAsync("123");

        await page.GetByRole(AriaRole.Button, new() { NameRegex = new("^Place order") }).ClickAsync();

        // No street and no city: the BFF names both fields, and each error is read out with its field.
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        foreach (var field in new[] { "City", "Address" })
        {
            var input = page.GetByLabel(field, new() { Exact = true });
            await Expect(input).ToHaveAttributeAsync("aria-invalid", "true");
            var described = await input.GetAttributeAsync("aria-describedby");
            Assert.False(string.IsNullOrWhiteSpace(await page.Locator($"#{described}").TextContentAsync()), $"{field} has no error text");
        }

        await Expect(page).ToHaveURLAsync(new Uri(Site, "/checkout").ToString());
        await Expect(page.Locator(".cart-count")).ToHaveTextAsync("1 item");
        Assert.Empty(await Accessibility.ViolationsAsync(page));
        await ScreenshotAsync(page, "storefront-checkout-refused");
    }

    [Fact]
    public async Task A_signed_in_customer_checks_out_and_the_order_page_follows_the_cancellation_live()
    {
        var (customer, page) = await OpenSignedInAsync();
        await page.GotoAsync($"/products/{ProductId}");
        await Expect(page.GetByRole(AriaRole.Banner)).ToContainTextAsync(customer.Name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync(new() { Timeout = 60_000 });
        await Expect(page.Locator(".cart-count")).ToHaveTextAsync("1 item");

        await page.GotoAsync("/checkout");
        await Expect(page.GetByLabel("Full name")).ToHaveValueAsync(customer.Name, new() { Timeout = 60_000 });
        await page.GetByLabel("Address", new() { Exact = true }).FillAsync("1 Main Street");
        await page.GetByLabel("City").FillAsync("Springfield");
        await page.GetByLabel("Postal code").FillAsync("94105");
        await page.GetByLabel("Card number").FillAsync("4242 4242 4242 4242");
        await page.GetByLabel("Expiry month").FillAsync("12");
        await page.GetByLabel("Expiry year").FillAsync((DateTime.UtcNow.Year + 2).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Security code").FillAsync("123");
        Assert.Empty(await Accessibility.ViolationsAsync(page));
        await ScreenshotAsync(page, "storefront-checkout");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new("^Place order") }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/orders/[0-9a-f-]{36}$"), new() { Timeout = 30_000 });
        await Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new("^Order ") })).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.Locator(".status-banner")).ToContainTextAsync("preparing your order");
        await Expect(page.Locator(".cart-count")).ToHaveCountAsync(0);
        Assert.Empty(await Accessibility.ViolationsAsync(page));
        await ScreenshotAsync(page, "storefront-order");

        // Marks this very document: after the cancellation it must still be there, so nothing reloaded the page.
        await page.EvaluateAsync("window.notReloaded = true");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel order" }).ClickAsync();

        await Expect(page.Locator(".status-banner")).ToContainTextAsync("cancelling your order", new() { Timeout = 30_000 });
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Cancel order" })).ToHaveCountAsync(0);
        Assert.True(await page.EvaluateAsync<bool>("window.notReloaded === true"), "The page reloaded to show the change.");
        await ScreenshotAsync(page, "storefront-order-cancelling");
        Assert.Empty(_consoleErrors);
    }

    /// <summary>A page with the session of a customer just signed in (<see cref="ServedStorefront.SignInAsync"/>).</summary>
    private async Task<(RegisteredCustomer Customer, IPage Page)> OpenSignedInAsync()
    {
        var (customer, session) = await _storefront.SignInAsync();
        var page = await OpenStorefrontAsync();
        await page.Context.AddCookiesAsync(session.Select(cookie => new Cookie
        {
            Name = cookie.Name, Value = cookie.Value, Url = Site.ToString(), HttpOnly = cookie.HttpOnly,
        }));
        return (customer, page);
    }

    private async Task<IPage> OpenStorefrontAsync()
    {
        var page = await OpenPageAsync(Site);
        // A script the CSP refused, a failed load or an exception in the WebAssembly runtime all end up here.
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _consoleErrors.Add(message.Text);
            }
        };
        return page;
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await DisposeAsync();
        await _storefront.DisposeAsync();
    }
}
