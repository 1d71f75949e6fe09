using System.Net;
using Aspire.Hosting.Testing;
using Commerce.Ordering.Contracts;
using Commerce.Payments.Contracts;
using Refit;

namespace Commerce.AppHost.Tests;

/// <summary>
/// A new customer of the running system who orders straight through Ordering, as the BFFs do on a customer's behalf
/// (a card tokenized at Payments, <c>POST /orders</c> with the customer's id), and follows each order to the end of its
/// saga in Ordering's view.
/// </summary>
internal sealed class OrderingCustomer(LocalAppHost appHost)
{
    public static readonly OrderAddress Deliverable = new("Ada Lovelace", "12 Analytical Row", null, "Springfield", "94105", "US");

    /// <summary>Payments' test card that is always approved (Services/Payments/README.md).</summary>
    public const string ApprovedCard = "4242424242424242";

    /// <summary>
    /// Payments' test card that is always declined: refused in the saga, after the stock was reserved. (An undeliverable
    /// address no longer gets that far: Ordering refuses it at placement.)
    /// </summary>
    public const string DeclinedCard = "4000000000000002";

    /// <summary>The grace period, then every step and any compensation, on a loaded machine.</summary>
    public static readonly TimeSpan SagaTimeout = TimeSpan.FromMinutes(2);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>Fresh for each customer, so each test owns its orders.</summary>
    public string Id { get; } = $"customer-{Guid.NewGuid():N}";

    /// <summary>One unit of product 1, delivered to <see cref="Deliverable"/>, paid with <paramref name="cardNumber"/>.</summary>
    public async Task<OrderDto> PlaceOrderAsync(string cardNumber)
    {
        var payments = RestService.For<IPaymentsApi>(appHost.App.CreateHttpClient("payments", "http"));
        var token = await payments.TokenizeCardAsync(
            new TokenizeCardRequest(cardNumber, 12, DateTime.UtcNow.Year + 2, "123"), Cancellation);
        Assert.True(token.IsSuccessStatusCode, $"tokenize: {token.StatusCode} {token.Error?.Message}");

        var placed = await Ordering().PlaceOrderAsync(
            Id, Guid.NewGuid().ToString("N"),
            new PlaceOrderRequest([new PlaceOrderLine(ProductId: 1, Quantity: 1)], Deliverable, token.Content!.Token), Cancellation);
        Assert.True(placed.StatusCode == HttpStatusCode.Created, $"place: {placed.StatusCode} {placed.Error?.Message}");
        return placed.Content!;
    }

    /// <summary>
    /// The order once Confirmed or Cancelled with its steps reported. Ordering's view is fed by every participant's
    /// events, so it is where the customer sees the saga's outcome.
    /// </summary>
    public async Task<OrderDetailsDto> WaitForFinalStatusAsync(Guid orderId)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        timeout.CancelAfter(SagaTimeout);
        var ordering = Ordering();
        while (true)
        {
            var details = await ordering.GetOrderAsync(Id, orderId, timeout.Token);
            Assert.True(details.IsSuccessStatusCode, $"get: {details.StatusCode} {details.Error?.Message}");
            var order = details.Content!;
            // Final and with its steps reported: the last participant event may follow the status change.
            var settled = order.Order.Status is OrderStatus.Confirmed
                ? order.Order.Steps == new OrderSteps(StepState.Done, StepState.Done, StepState.Done)
                : order.Timeline.Any(entry => entry.Kind == "inventory.stock-released");
            if (order.Order.Status is OrderStatus.Confirmed or OrderStatus.Cancelled && settled)
            {
                return order;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), timeout.Token);
        }
    }

    private IOrderingApi Ordering() => RestService.For<IOrderingApi>(appHost.App.CreateHttpClient("ordering", "http"));
}
