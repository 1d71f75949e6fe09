using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aspire.Hosting.Testing;
using Commerce.Bff.Mobile.Client;
using Commerce.Testing.Browser;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Commerce.AppHost.Tests;

/// <summary>
/// The mobile app (Bff.Mobile.App, served by bff-mobile) on a phone-sized, touch Chromium against the whole running
/// system: signing in at Identity as its public client, browsing, ordering and following the saga to Confirmed; and
/// with no signal, the shell and the catalog already seen. A screenshot of each screen is kept under
/// .test-results/screenshots/mobile-*.png.
/// </summary>
[Collection(LocalAppHostCollection.Name)]
public sealed class MobileAppTests(LocalAppHost appHost, ChromiumFixture chromium) : IAsyncDisposable
{
    /// <summary>Development's demo customer (Services/Identity/README.md).</summary>
    private const string Email = "ada@example.com";
    private const string Password = "commerce-demo";

    private static readonly TimeSpan SagaTimeout = LocalAppHost.GracePeriod + TimeSpan.FromMinutes(1);

    /// <summary>Each full load starts the runtime and every assembly of a Debug build again, on a loaded 2-core machine.</summary>
    private const float FirstStart = 60_000;

    private readonly MobilePhone _phone = new(chromium);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private Uri App => appHost.App.GetEndpoint("bff-mobile", "http");

    [Fact]
    public async Task A_customer_signs_in_on_the_phone_browses_orders_and_sees_the_order_confirmed()
    {
        var product = await InStockProductAsync(5);
        var page = await _phone.OpenAsync(App);
        await page.GotoAsync("/");
        await Expect(Featured(page)).Not.ToHaveCountAsync(0, new() { Timeout = FirstStart });
        await MobilePhone.ScreenshotAsync(page, "mobile-home");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).TapAsync();
        // Identity's own page, on its own site.
        await page.GetByLabel("E-mail").FillAsync(Email);
        await page.GetByLabel("Password").FillAsync(Password);
        await MobilePhone.ScreenshotAsync(page, "mobile-sign-in");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).TapAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync(new() { Timeout = 30_000 });

        await Tab(page, "Search").TapAsync();
        var search = page.GetByRole(AriaRole.Searchbox, new() { Name = "Search products" });
        await search.FillAsync(product.Name);
        await search.PressAsync("Enter");
        var result = page.GetByRole(AriaRole.List, new() { Name = "Results" }).GetByRole(AriaRole.Link, new() { Name = product.Name });
        await Expect(result.First).ToBeVisibleAsync();
        await MobilePhone.ScreenshotAsync(page, "mobile-search");
        await result.First.TapAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = product.Name, Level = 1 })).ToBeVisibleAsync();
        await MobilePhone.ScreenshotAsync(page, "mobile-product");

        await page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).TapAsync();
        await Expect(page.GetByText("Added 1 to your cart.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "View cart" }).TapAsync();
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Items in your cart" }).GetByRole(AriaRole.Listitem)).ToHaveCountAsync(1);
        await MobilePhone.ScreenshotAsync(page, "mobile-cart");
        await page.GetByRole(AriaRole.Link, new() { Name = "Checkout" }).TapAsync();

        await CheckoutFormFill.FillAsync(page);
        await MobilePhone.ScreenshotAsync(page, "mobile-checkout");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Place order") }).TapAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/orders/[0-9a-f-]{36}$"), new() { Timeout = 30_000 });

        // No push to the phone: the order screen asks again every few seconds until the saga has finished.
        await Expect(page.GetByText("Your order is confirmed and on its way.")).ToBeVisibleAsync(new() { Timeout = Milliseconds(SagaTimeout) });
        var history = page.GetByRole(AriaRole.Region, new() { Name = "What happened" }).GetByRole(AriaRole.Listitem);
        foreach (var step in new[] { "Order placed", "Stock reserved", "authorized on the card ending 4242", "Shipment created", "captured", "Order confirmed" })
        {
            await Expect(history.Filter(new() { HasText = step })).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        }

        await Expect(history.Filter(new() { HasText = "Undone" })).ToHaveCountAsync(0);
        var reference = await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync();
        await MobilePhone.ScreenshotAsync(page, "mobile-order-confirmed");

        await Tab(page, "Orders").TapAsync();
        var row = page.GetByRole(AriaRole.List, new() { Name = "Your orders" }).GetByRole(AriaRole.Link).Filter(new() { HasText = reference });
        await Expect(row).ToContainTextAsync("Confirmed");
        await MobilePhone.ScreenshotAsync(page, "mobile-orders");
        // The cart went with the order.
        await Tab(page, "Cart").TapAsync();
        await Expect(page.GetByText("Your cart is empty.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task With_no_signal_the_shell_and_the_catalog_already_seen_still_show()
    {
        var product = await InStockProductAsync(6);
        var page = await _phone.OpenAsync(App);
        await page.GotoAsync("/");
        await Expect(Featured(page)).Not.ToHaveCountAsync(0, new() { Timeout = FirstStart });
        // From its first visit on, the service worker answers the app's requests.
        await page.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null");
        await page.GotoAsync($"/search?q={Uri.EscapeDataString(product.Name)}");
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Results" }).GetByRole(AriaRole.Link, new() { Name = product.Name }).First).ToBeVisibleAsync(new() { Timeout = FirstStart });
        await page.GotoAsync($"/products/{product.Id}");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = product.Name, Level = 1 })).ToBeVisibleAsync(new() { Timeout = FirstStart });
        await Expect(page.Locator("img.product-image")).ToHaveJSPropertyAsync("complete", true);

        await _phone.Context.SetOfflineAsync(true);
        await page.ReloadAsync();
        await Expect(page.GetByText("Offline.")).ToBeVisibleAsync(new() { Timeout = FirstStart });
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = product.Name, Level = 1 })).ToBeVisibleAsync(new() { Timeout = FirstStart });

        await page.GotoAsync("/");
        await Expect(Featured(page)).Not.ToHaveCountAsync(0, new() { Timeout = FirstStart });
        await Expect(page.GetByText("Offline.")).ToBeVisibleAsync(new() { Timeout = FirstStart });
        await MobilePhone.ScreenshotAsync(page, "mobile-offline-home");

        await page.GotoAsync($"/search?q={Uri.EscapeDataString(product.Name)}");
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Results" }).GetByRole(AriaRole.Link, new() { Name = product.Name }).First).ToBeVisibleAsync(new() { Timeout = FirstStart });

        // What was never seen cannot be shown: the screen says so, politely, instead of failing.
        await page.GotoAsync("/products/200");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("offline", new() { Timeout = FirstStart });
        // Nor is anything of the customer's kept.
        await page.GotoAsync("/orders");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to continue" })).ToBeVisibleAsync(new() { Timeout = FirstStart });
    }

    [Fact]
    public async Task The_app_learns_where_to_sign_in_from_its_backend_and_its_shell_may_talk_only_to_it_and_to_Identity()
    {
        using var client = appHost.App.CreateHttpClient("bff-mobile", "http");
        var identity = appHost.App.GetEndpoint("identity", "http").GetLeftPart(UriPartial.Authority);

        var settings = await client.GetFromJsonAsync<JsonElement>("/app-settings.json", Cancellation);
        using var shell = await client.GetAsync(new Uri("/orders", UriKind.Relative), Cancellation);
        var manifest = await client.GetFromJsonAsync<JsonElement>("/manifest.webmanifest", Cancellation);

        Assert.Equal(identity, new Uri(settings.GetProperty("authority").GetString()!).GetLeftPart(UriPartial.Authority));
        Assert.Equal("bff-mobile", settings.GetProperty("clientId").GetString());
        Assert.Equal(["openid", "profile", "email", "offline_access", "bff-mobile"], settings.GetProperty("scopes").EnumerateArray().Select(scope => scope.GetString()));
        Assert.Equal("text/html", shell.Content.Headers.ContentType?.MediaType);
        var policy = string.Join(' ', shell.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains($"connect-src 'self' {identity};", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self' 'wasm-unsafe-eval';", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("standalone", manifest.GetProperty("display").GetString());
    }

    private static ILocator Featured(IPage page) =>
        page.GetByRole(AriaRole.List, new() { Name = "Featured products" }).GetByRole(AriaRole.Link);

    private static ILocator Tab(IPage page, string name) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = name });

    /// <summary>Product <paramref name="id"/> as the mobile BFF shows it, once it is on offer (a new run stocks it).</summary>
    private async Task<ProductOnOffer> InStockProductAsync(int id)
    {
        using var client = appHost.App.CreateHttpClient("bff-mobile", "http");
        // The first calls of a system that has just started may miss Inventory's budget ("unknown"): ask again.
        for (var attempt = 1; ; attempt++)
        {
            var product = await client.GetFromJsonAsync<ProductScreen>($"/api/products/{id}", Cancellation);
            Assert.NotNull(product);
            if (product.Stock != StockStates.Unknown || attempt == 10)
            {
                Assert.True(product.Stock is StockStates.InStock or StockStates.LowStock, $"product {id} is {product.Stock}");
                return new ProductOnOffer(id, product.Name);
            }

            await Task.Delay(TimeSpan.FromSeconds(1), Cancellation);
        }
    }

    private static float Milliseconds(TimeSpan span) => (float)span.TotalMilliseconds;

    public ValueTask DisposeAsync() => _phone.DisposeAsync();

    private sealed record ProductOnOffer(int Id, string Name);
}
