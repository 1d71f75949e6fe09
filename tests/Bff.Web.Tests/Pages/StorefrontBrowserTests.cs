using System.Net;
using Commerce.Testing.Browser;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

// One browser for every browser test in this assembly.
[assembly: AssemblyFixture(typeof(ChromiumFixture))]

namespace Commerce.Bff.Web.Tests.Pages;

/// <summary>The storefront in a real browser (Debian's Chromium), served by the BFF over loopback against the real services.</summary>
public sealed class StorefrontBrowserTests(Downstream downstream, ChromiumFixture chromium) : BrowserTest(chromium), IAsyncLifetime
{
    private const int ProductId = 1;

    private readonly BffFactory _bff = new(downstream);
    private readonly List<string> _consoleErrors = [];

    private Uri Site { get; set; } = default!;

    public ValueTask InitializeAsync()
    {
        // Port 0 on loopback: the kernel picks a free port as Kestrel binds it.
        _bff.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _bff.StartServer();
        Site = new Uri(_bff.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
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
        await _bff.DisposeAsync();
    }
}
