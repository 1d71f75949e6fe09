using System.Text.Json;
using Aspire.Hosting.Testing;
using Commerce.Testing.Browser;
using Microsoft.Playwright;
using Npgsql;
using static Microsoft.Playwright.Assertions;

// One browser for every browser test in this assembly.
[assembly: AssemblyFixture(typeof(ChromiumFixture))]

namespace Commerce.AppHost.Tests;

/// <summary>
/// The storefront in a real browser (Debian's Chromium) against the whole running system, as a customer uses it:
/// signing in at Identity, the catalog pages Bff.Web renders, the cart and checkout in WebAssembly, and the order page
/// that follows the saga live. Screenshots of the pages are kept under .test-results/screenshots.
/// </summary>
[Collection(LocalAppHostCollection.Name)]
public sealed class StorefrontTests(LocalAppHost appHost, ChromiumFixture chromium) : BrowserTest(chromium)
{
    /// <summary>Development's demo customer (Services/Identity/README.md).</summary>
    private const string Email = "ada@example.com";
    private const string Password = "commerce-demo";

    /// <summary>The grace period, then the saga's steps, on a loaded machine.</summary>
    private static readonly TimeSpan SagaTimeout = LocalAppHost.GracePeriod + TimeSpan.FromMinutes(1);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private Uri Storefront => appHost.App.GetEndpoint("bff-web", "http");

    [Fact]
    public async Task A_customer_signs_in_searches_orders_and_watches_the_order_confirmed_step_by_step()
    {
        var product = await InStockProductAsync(2);
        var page = await OpenPageAsync(Storefront);
        await page.GotoAsync("/");
        await Expect(page.GetByRole(AriaRole.Main)).ToBeVisibleAsync();
        await ScreenshotAsync(page, "storefront-home");

        await SignInAsync(page);
        await SearchAndOpenAsync(page, product);
        await ScreenshotAsync(page, "storefront-product");
        await AddToCartAsync(page);
        await CheckOutAsync(page);

        await Expect(page.GetByText("Your order is confirmed and on its way.")).ToBeVisibleAsync(new() { Timeout = Milliseconds(SagaTimeout) });
        // Every step of the saga, as the participants reported it, without a reload.
        var history = History(page);
        foreach (var step in new[] { "Order placed", "Stock reserved", "authorized on the card ending 4242", "Shipment created", "captured", "Order confirmed" })
        {
            await Expect(history.Filter(new() { HasText = step })).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        }

        await Expect(history.Filter(new() { HasText = "Undone" })).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "storefront-order-confirmed");
    }

    [Fact]
    public async Task A_customer_who_cancels_in_the_grace_period_sees_each_step_undone_in_reverse_order()
    {
        var product = await InStockProductAsync(3);
        var page = await OpenPageAsync(Storefront);
        await SignInAsync(page);
        await page.GotoAsync($"/products/{product.Id}");
        await AddToCartAsync(page);
        await CheckOutAsync(page);

        // Stock is reserved and the card authorized before the grace period, in which the customer may still cancel.
        await Expect(History(page).Filter(new() { HasText = "authorized on the card ending 4242" })).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel order" }).ClickAsync();

        await Expect(page.GetByText("This order was cancelled.")).ToBeVisibleAsync(new() { Timeout = Milliseconds(SagaTimeout) });
        var undone = History(page).Filter(new() { HasText = "Undone" });
        await Expect(undone).ToHaveCountAsync(2, new() { Timeout = 30_000 });
        // The payment was taken last, so it is undone first; then the stock goes back.
        await Expect(undone.Nth(0)).ToContainTextAsync("voided");
        await Expect(undone.Nth(1)).ToContainTextAsync("Reserved stock released");
        await Expect(History(page).Filter(new() { HasText = "Shipment created" })).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "storefront-order-cancelled");
    }

    [Fact]
    public async Task An_order_for_stock_that_sold_out_meanwhile_is_cancelled_with_the_reason()
    {
        var product = await InStockProductAsync(4);
        var page = await OpenPageAsync(Storefront);
        await SignInAsync(page);
        await page.GotoAsync($"/products/{product.Id}");
        await AddToCartAsync(page);
        // Someone else bought the last units while this customer was at the cart.
        await SellOutAsync(product.Id);
        await CheckOutAsync(page);

        await Expect(page.GetByText("This order was cancelled.")).ToBeVisibleAsync(new() { Timeout = Milliseconds(SagaTimeout) });
        await Expect(page.GetByText("Reason:")).ToContainTextAsync("stock", new() { IgnoreCase = true });
        await Expect(History(page).Filter(new() { HasText = "Payment" })).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "storefront-order-out-of-stock");
    }

    private static async Task SignInAsync(IPage page)
    {
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        // Identity's own page, on its own site.
        await page.GetByLabel("E-mail").FillAsync(Email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }

    private static async Task SearchAndOpenAsync(IPage page, ProductOnOffer product)
    {
        var search = page.GetByRole(AriaRole.Searchbox, new() { Name = "Search products" });
        await search.FillAsync(product.Name);
        await search.PressAsync("Enter");
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = product.Name }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = product.Name, Level = 1 })).ToBeVisibleAsync();
    }

    private static async Task AddToCartAsync(IPage page)
    {
        // The button works once the page's WebAssembly island has started.
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        await Expect(page.GetByText("Added 1 to your cart.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "View cart" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.List, new() { Name = "Items in your cart" }).GetByRole(AriaRole.Listitem)).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Link, new() { Name = "Checkout" }).ClickAsync();
    }

    private static async Task CheckOutAsync(IPage page)
    {
        await CheckoutFormFill.FillAsync(page);
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Place order") }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/orders/[0-9a-f-]{36}$"), new() { Timeout = 30_000 });
    }

    /// <summary>The order's facts as the "What happened" list shows them, oldest first.</summary>
    private static ILocator History(IPage page) =>
        page.GetByRole(AriaRole.Region, new() { Name = "What happened" }).GetByRole(AriaRole.Listitem);

    /// <summary>Product <paramref name="id"/> as the storefront's API shows it, once it is on offer (a new run stocks it).</summary>
    private async Task<ProductOnOffer> InStockProductAsync(int id)
    {
        using var client = appHost.App.CreateHttpClient("bff-web", "http");
        // The first calls of a system that has just started may miss a budget: Catalog's (a 503 with Retry-After) or
        // Inventory's ("unknown", never cached). Ask again, as a browser would.
        for (var attempt = 1; ; attempt++)
        {
            using var response = await client.GetAsync(new Uri($"/api/products/{id}", UriKind.Relative), Cancellation);
            if (response.StatusCode == System.Net.HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is not null && attempt < 10)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), Cancellation);
                continue;
            }

            response.EnsureSuccessStatusCode();
            using var product = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
            var status = product.RootElement.GetProperty("availability").GetProperty("status").GetString();
            if (status != "unknown" || attempt == 10)
            {
                Assert.True(status is "in-stock" or "low-stock", $"product {id} is {status}");
                return new ProductOnOffer(id, product.RootElement.GetProperty("name").GetString()!);
            }

            await Task.Delay(TimeSpan.FromSeconds(1), Cancellation);
        }
    }

    /// <summary>Leaves nothing of the product to reserve, straight in Inventory's database.</summary>
    private async Task SellOutAsync(int productId)
    {
        await using var connection = new NpgsqlConnection(await appHost.App.GetConnectionStringAsync("inventorydb", Cancellation));
        await connection.OpenAsync(Cancellation);
        await using var command = new NpgsqlCommand("UPDATE stock SET on_hand = reserved WHERE product_id = @productId", connection);
        command.Parameters.AddWithValue("productId", productId);
        Assert.Equal(1, await command.ExecuteNonQueryAsync(Cancellation));
    }

    private static float Milliseconds(TimeSpan span) => (float)span.TotalMilliseconds;

    private sealed record ProductOnOffer(int Id, string Name);
}
