extern alias orderingapi;

using System.Net;
using System.Text.Json;
using Commerce.Bff.Web.Client.Screens;
using Commerce.Inventory.Contracts;
using Commerce.Ordering.Contracts;
using Commerce.Testing;
using Microsoft.Extensions.DependencyInjection;
using CancelOrderRequest = Commerce.Ordering.Contracts.CancelOrderRequest;
using OrderChangeFeed = orderingapi::Commerce.Ordering.Api.Data.OrderChangeFeed;

namespace Commerce.Bff.Web.Tests.Apis;

/// <summary>
/// <c>GET /api/orders/{id}/live</c>: Ordering's live stream through the BFF as order screens, driven by the saga's own
/// calls and the participants' events, against the real Ordering behind it.
/// </summary>
public sealed class OrderLiveTests(Downstream downstream)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_order_screen_arrives_at_once_and_again_after_each_change_while_the_stream_is_open()
    {
        await using var bff = new BffFactory(downstream);
        using var customer = await bff.SignInAsync();
        var order = await PlaceAsync(customer.CustomerId);
        using var live = await OpenAsync(customer.Http, order.OrderId);

        var placed = await NextScreenAsync(live);
        await PublishAsync(new StockReserved(order.OrderId, [new ReservationLine(11, 1)]));
        var reserved = await NextScreenAsync(live);
        await downstream.OrderingClient().RequestCancellationAsync(customer.CustomerId, order.OrderId, new RequestCancellationRequest(null), Cancellation);
        await NextScreenAsync(live);
        await PublishAsync(new StockReleased(order.OrderId, [new ReservationLine(11, 1)]));
        await NextScreenAsync(live);
        await downstream.OrderingClient().CancelOrderAsync(order.OrderId, new CancelOrderRequest("Cancelled at your request."), Cancellation);
        var cancelled = await NextScreenAsync(live);

        Assert.Equal(("1", order.Reference, OrderStatuses.Pending, true), (placed.Id, placed.Screen.Reference, placed.Screen.Status, placed.Screen.CanCancel));
        Assert.Equal(("2", "done"), (reserved.Id, reserved.Screen.Progress.Stock));
        Assert.Equal(("5", OrderStatuses.Cancelled, false), (cancelled.Id, cancelled.Screen.Status, cancelled.Screen.CanCancel));
        Assert.Equal("Cancelled at your request.", cancelled.Screen.CancellationReason);
        Assert.Equal(
            [("ordering.order-placed", false), ("inventory.stock-reserved", false), ("ordering.order-cancellation-requested", false),
             ("inventory.stock-released", true), ("ordering.order-cancelled", false)],
            cancelled.Screen.Timeline.Select(item => (item.Kind, item.IsCompensation)));
    }

    [Fact]
    public async Task The_Last_Event_ID_is_passed_on_so_an_up_to_date_browser_hears_only_the_next_change()
    {
        await using var bff = new BffFactory(downstream);
        using var customer = await bff.SignInAsync();
        var order = await PlaceAsync(customer.CustomerId);
        using var live = await OpenAsync(customer.Http, order.OrderId, lastEventId: "1");

        var next = live.Reader.NextEventAsync(Cancellation);
        await Task.Delay(TimeSpan.FromSeconds(1), Cancellation);
        Assert.False(next.IsCompleted, "The browser already had event 1; nothing should have been relayed.");
        await PublishAsync(new StockReserved(order.OrderId, [new ReservationLine(11, 1)]));
        var (id, screen) = Parse(await next.WaitAsync(Patience, Cancellation));

        Assert.Equal(("2", "done"), (id, screen.Progress.Stock));
    }

    [Fact]
    public async Task Another_customers_order_is_a_404_ProblemDetails()
    {
        await using var bff = new BffFactory(downstream);
        using var customer = await bff.SignInAsync();
        var someoneElses = await PlaceAsync($"customer-{Guid.NewGuid():N}");

        using var response = await customer.Http.GetAsync($"/api/orders/{someoneElses.OrderId}/live", HttpCompletionOption.ResponseHeadersRead, Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(someoneElses.Reference, await response.Content.ReadAsStringAsync(Cancellation));
    }

    [Theory]
    [InlineData(null, "yesterday", "lastEventId")]
    [InlineData("not-an-order", null, "id")]
    public async Task A_malformed_id_or_Last_Event_ID_is_a_400_naming_it(string? id, string? lastEventId, string field)
    {
        await using var bff = new BffFactory(downstream);
        using var customer = await bff.SignInAsync();
        var order = await PlaceAsync(customer.CustomerId);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/orders/{id ?? order.OrderId.ToString()}/live");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        using var response = await customer.Http.SendAsync(request, Cancellation);

        await ProblemAssert.NamesFieldAsync(response, field, Cancellation);
    }

    [Fact]
    public async Task Without_a_session_the_stream_is_a_401_ProblemDetails()
    {
        await using var bff = new BffFactory(downstream);

        using var response = await bff.CreateClient().GetAsync($"/api/orders/{Guid.NewGuid()}/live", HttpCompletionOption.ResponseHeadersRead, Cancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Ordering_stopped_is_a_503_with_Retry_After_before_any_stream()
    {
        await using var bff = new BffFactory(downstream);
        using var customer = await bff.SignInAsync();
        var order = await PlaceAsync(customer.CustomerId);
        bff.Faults["ordering"] = Fault.Stopped;

        using var response = await customer.Http.GetAsync($"/api/orders/{order.OrderId}/live", HttpCompletionOption.ResponseHeadersRead, Cancellation);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task The_relay_hangs_up_on_Ordering_when_the_browser_goes_away()
    {
        await using var bff = new BffFactory(downstream);
        using var customer = await bff.SignInAsync();
        var order = await PlaceAsync(customer.CustomerId);
        var feed = downstream.Ordering.Services.GetRequiredService<OrderChangeFeed>();
        var live = await OpenAsync(customer.Http, order.OrderId);
        await NextScreenAsync(live);
        Assert.Equal(1, feed.StreamsOf(order.OrderId));

        live.Dispose();

        var deadline = DateTime.UtcNow + Patience;
        while (feed.StreamsOf(order.OrderId) > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "Ordering's stream outlived the browser's.");
            await Task.Delay(50, Cancellation);
        }
    }

    [Fact]
    public async Task A_quiet_stream_gets_the_BFFs_own_heartbeat()
    {
        await using var bff = new BffFactory(downstream) { Settings = { ["Bff:OrderStream:HeartbeatInterval"] = "00:00:00.200" } };
        using var customer = await bff.SignInAsync();
        var order = await PlaceAsync(customer.CustomerId);
        using var live = await OpenAsync(customer.Http, order.OrderId);
        await NextScreenAsync(live);

        var heartbeat = await live.Reader.NextAsync(Cancellation).WaitAsync(Patience, Cancellation);

        Assert.True(heartbeat is { IsComment: true }, $"Expected a comment line, got {heartbeat}.");
    }

    private static async Task<LiveScreen> OpenAsync(HttpClient http, Guid orderId, string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/orders/{orderId}/live");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Cancellation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new LiveScreen(response, new ServerSentEventReader(await response.Content.ReadAsStreamAsync(Cancellation)));
    }

    private static async Task<(string Id, OrderScreen Screen)> NextScreenAsync(LiveScreen live) =>
        Parse(await live.Reader.NextEventAsync(Cancellation).WaitAsync(Patience, Cancellation));

    private static (string Id, OrderScreen Screen) Parse(ServerSentBlock? block)
    {
        Assert.NotNull(block);
        Assert.Equal("order", block.EventType);
        Assert.NotNull(block.Id);
        return (block.Id, JsonSerializer.Deserialize<OrderScreen>(block.Data!, Json)!);
    }

    private Task PublishAsync<TEvent>(TEvent integrationEvent) where TEvent : class =>
        BrokerQueues.PublishEventAsync(downstream.Ordering.VirtualHost, integrationEvent, cancellationToken: Cancellation);

    private Task<OrderDto> PlaceAsync(string customerId) => downstream.PlaceOrderAsync(customerId);

    private sealed record LiveScreen(HttpResponseMessage Response, ServerSentEventReader Reader) : IDisposable
    {
        public void Dispose()
        {
            Reader.Dispose();
            Response.Dispose();
        }
    }
}
