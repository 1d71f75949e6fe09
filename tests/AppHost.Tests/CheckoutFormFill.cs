using System.Globalization;
using Microsoft.Playwright;

namespace Commerce.AppHost.Tests;

/// <summary>
/// A customer's delivery address and a card Payments approves, typed into a checkout form by its labels: the
/// storefront's and the mobile app's checkout forms label their fields alike, so one fill serves both.
/// </summary>
internal static class CheckoutFormFill
{
    /// <summary>Payments' test card that is always approved (Services/Payments/README.md).</summary>
    public const string ApprovedCard = "4242 4242 4242 4242";

    public static async Task FillAsync(IPage page)
    {
        await page.GetByLabel("Full name").FillAsync("Ada Lovelace");
        await page.GetByLabel("Address", new() { Exact = true }).FillAsync("12 Analytical Row");
        await page.GetByLabel("City").FillAsync("Springfield");
        await page.GetByLabel("Postal code").FillAsync("94105");
        await page.GetByLabel("Country").FillAsync("US");
        await page.GetByLabel("Card number").FillAsync(ApprovedCard);
        await page.GetByLabel("Expiry month").FillAsync("12");
        await page.GetByLabel("Expiry year").FillAsync((DateTime.UtcNow.Year + 2).ToString(CultureInfo.InvariantCulture));
        await page.GetByLabel("Security code").FillAsync("123");
    }
}
