using System.Globalization;
using System.Text.RegularExpressions;
using Aspire.Hosting.Testing;
using Commerce.Ordering.Contracts;
using Commerce.Testing.Browser;
using Microsoft.Playwright;
using Temporalio.Client;
using static Microsoft.Playwright.Assertions;

namespace Commerce.AppHost.Tests;

/// <summary>
/// Temporal's own Web UI (tools/temporal-ui, served by the in-process server on the <c>temporal</c> resource's
/// <c>ui</c> endpoint) in Debian's Chromium, as an operator uses it to look into an order: the saga found by its order
/// id, and its history, step by step. Screenshots: .test-results/screenshots/temporal-ui-*.png.
/// </summary>
[Collection(LocalAppHostCollection.Name)]
public sealed class TemporalUiTests(LocalAppHost appHost, ChromiumFixture chromium) : BrowserTest(chromium)
{
    /// <summary>The first page loads the whole site (a few MB of scripts) on a loaded 2-core machine.</summary>
    private const float FirstLoad = 30_000;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private Uri TemporalUi => appHost.App.GetEndpoint("temporal", "ui");

    [Fact]
    public async Task The_saga_of_a_confirmed_order_is_found_by_its_order_id_and_its_history_shows_every_step_completed_in_order()
    {
        var orderId = await PlaceOrderAndWaitForItsSagaAsync(OrderingCustomer.ApprovedCard, OrderStatus.Confirmed);
        var page = await OpenPageAsync(TemporalUi);

        await SearchAsync(page, orderId);
        await ScreenshotAsync(page, "temporal-ui-list");
        await OpenSagaAsync(page, orderId);

        // Each activity completed (a result, no failure), in the saga's order, with the grace period's timer between
        // the payment's authorization and the shipment.
        await Expect(History(page)).ToHaveTextAsync(
        [
            Completed("ReserveStock"), Completed("AuthorizePayment"), GracePeriod(), Completed("CreateShipment"),
            Completed("CapturePayment"), Completed("CommitStock"), Completed("ConfirmOrder"),
        ]);
        await Expect(History(page).And(page.Locator(".failure"))).ToHaveCountAsync(0);
        await ScreenshotFromTheTopAsync(page, "temporal-ui-saga-confirmed");
    }

    [Fact]
    public async Task The_saga_of_an_order_whose_card_is_declined_shows_the_failed_authorization_then_its_compensations()
    {
        var orderId = await PlaceOrderAndWaitForItsSagaAsync(OrderingCustomer.DeclinedCard, OrderStatus.Cancelled);
        var page = await OpenPageAsync(TemporalUi);

        await SearchAsync(page, orderId);
        await OpenSagaAsync(page, orderId);

        // The authorization was registered for undoing before it ran, so its undo runs first (a no-op for a declined
        // card), then the stock goes back, then the order is cancelled; nothing after the failed step goes forward, not
        // even the grace period.
        await Expect(History(page)).ToHaveTextAsync(
        [
            Completed("ReserveStock"), Failed("AuthorizePayment"),
            Completed("UndoPayment"), Completed("ReleaseStock"), Completed("CancelOrder"),
        ]);
        await Expect(History(page).Nth(1)).ToHaveClassAsync(new Regex(@"\bfailure\b"));
        await ScreenshotFromTheTopAsync(page, "temporal-ui-saga-compensated");
    }

    /// <summary>
    /// Places an order through Ordering and waits until Ordering shows it final and Temporal has closed its saga: the
    /// saga's last activity settles the order, and the workflow completes just after.
    /// </summary>
    private async Task<Guid> PlaceOrderAndWaitForItsSagaAsync(string cardNumber, OrderStatus expected)
    {
        var customer = new OrderingCustomer(appHost);
        var order = await customer.PlaceOrderAsync(cardNumber);
        var final = await customer.WaitForFinalStatusAsync(order.OrderId);
        Assert.Equal(expected, final.Order.Status);

        var temporal = await TemporalClient.ConnectAsync(new(appHost.TemporalAddress));
        await temporal.GetWorkflowHandle($"order-{order.OrderId}").GetResultAsync()
            .WaitAsync(OrderingCustomer.SagaTimeout, Cancellation);
        return order.OrderId;
    }

    /// <summary>The workflow list with the visibility query the UI's own filter writes into its address.</summary>
    private static async Task SearchAsync(IPage page, Guid orderId)
    {
        await page.GotoAsync($"/namespaces/default/workflows?query={Uri.EscapeDataString($"OrderId=\"{orderId}\"")}");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "1 Workflow", Level = 1 })).ToBeVisibleAsync(new() { Timeout = FirstLoad });
        await Expect(page.GetByText($"OrderId = \"{orderId}\"")).ToBeVisibleAsync();
        var saga = page.GetByRole(AriaRole.Row).Filter(new() { HasText = $"order-{orderId}" });
        await Expect(saga).ToHaveCountAsync(1);
        await Expect(saga).ToContainTextAsync("Completed");
        await Expect(saga).ToContainTextAsync("OrderSaga");
    }

    /// <summary>Opens the saga from the list, on its history in the compact view (one row per activity), oldest first.</summary>
    private static async Task OpenSagaAsync(IPage page, Guid orderId)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = $"order-{orderId}", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"order-{orderId}", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Main).GetByText("Completed", new() { Exact = true }).First).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Compact", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Descending", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Ascending", Exact = true })).ToBeVisibleAsync();
        // Tall enough for the header, input and result, the timeline and every row at once: the UI scrolls its content
        // pane, not the page, so a full-page screenshot is only ever the viewport.
        await page.SetViewportSizeAsync(1280, 1500);
    }

    /// <summary>The compact history's rows: one per activity or timer, its events' ids, time, kind and outcome.</summary>
    /// <summary>The clicks above may have scrolled the content pane; its top holds the saga's status and id.</summary>
    private static async Task ScreenshotFromTheTopAsync(IPage page, string name)
    {
        await page.Locator("#content-wrapper").EvaluateAsync("pane => pane.scrollTo(0, 0)");
        await ScreenshotAsync(page, name);
    }

    private static ILocator History(IPage page) => page.GetByTestId("event-summary-row");

    // An activity's row reads "Activity · Activity Type ReserveStock · Attempt 1 · Result {}", with "Failure Message …"
    // in place of the result when it failed; a retried one shows its last attempt.
    private static Regex Completed(string activityType) => new($@"Activity\s*Activity Type\s*{activityType}\s*Attempt\s*\d+\s*Result");

    private static Regex Failed(string activityType) => new($@"Activity\s*Activity Type\s*{activityType}\s*Attempt\s*\d+\s*Failure");

    // The durable timer of the customer's grace period: "Timer · Start To Fire Timeout 20 seconds".
    private static Regex GracePeriod() => new($@"Timer\s*Start To Fire Timeout\s*{LocalAppHost.GracePeriod.TotalSeconds.ToString(CultureInfo.InvariantCulture)} seconds");
}
