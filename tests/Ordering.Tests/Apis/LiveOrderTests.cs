using System.Net;
using System.Text.Json;
using Commerce.Inventory.Contracts;
using Commerce.Ordering.Api.Data;
using Commerce.Ordering.Api.Apis;
using Commerce.Ordering.Contracts;
using Commerce.Payments.Contracts;
using Commerce.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Ordering.Tests.Apis;

/// <summary>
/// <c>GET /orders/{id}/live</c>: the order at once, then an event per timeline fact, pushed by the fact's commit. The
/// fixture's heartbeat and lifetime are an hour, so every event below that arrives within seconds was pushed.
/// </summary>
public sealed class LiveOrderTests(QuietStreams streams) : IClassFixture<QuietStreams>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly OrderingApiFactory _factory = streams.Factory;
    private readonly IOrderingApi _client = streams.Factory.CreateOrderingClient();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_stream_opens_with_the_order_as_it_is_and_the_number_of_timeline_entries_as_the_id()
    {
        var (customer, order) = await PlaceAsync();

        using var live = await LiveOrder.OpenAsync(_factory.CreateClient(), customer, order.OrderId);
        var (id, first) = await live.NextOrderAsync(Patience);

        Assert.Equal("1", id);
        JsonAssert.Equal((await _client.GetOrderAsync(customer, order.OrderId, Cancellation)).Content, first);
        Assert.True(live.Response.Headers.CacheControl?.NoStore, "A live stream must not be stored by any cache on the way.");
    }

    [Fact]
    public async Task A_participant_event_arrives_on_the_open_stream_as_a_new_event_without_polling()
    {
        var (customer, order) = await PlaceAsync();
        using var live = await LiveOrder.OpenAsync(_factory.CreateClient(), customer, order.OrderId);
        await live.NextOrderAsync(Patience);

        await BrokerQueues.PublishEventAsync(_factory.VirtualHost, new StockReserved(order.OrderId, [new ReservationLine(11, 1)]), cancellationToken: Cancellation);
        var (id, next) = await live.NextOrderAsync(Patience);

        Assert.Equal("2", id);
        Assert.Equal(["ordering.order-placed", "inventory.stock-reserved"], next.Timeline.Select(entry => entry.Kind));
        Assert.Equal(StepState.Done, next.Order.Steps.Stock);
    }

    [Fact]
    public async Task Each_command_on_the_order_arrives_as_one_event_in_order()
    {
        var (customer, order) = await PlaceAsync();
        using var live = await LiveOrder.OpenAsync(_factory.CreateClient(), customer, order.OrderId);
        await live.NextOrderAsync(Patience);

        await _client.RequestCancellationAsync(customer, order.OrderId, new RequestCancellationRequest("Changed my mind"), Cancellation);
        var requested = await live.NextOrderAsync(Patience);
        await _client.CancelOrderAsync(order.OrderId, new CancelOrderRequest("Cancelled at your request."), Cancellation);
        var cancelled = await live.NextOrderAsync(Patience);

        Assert.Equal(("2", OrderStatus.CancellationRequested), (requested.Id, requested.Order.Order.Status));
        Assert.Equal(("3", OrderStatus.Cancelled), (cancelled.Id, cancelled.Order.Order.Status));
        Assert.Equal("Cancelled at your request.", cancelled.Order.Order.CancellationReason);
    }

    [Fact]
    public async Task A_Last_Event_ID_equal_to_the_current_count_sends_nothing_until_the_next_change()
    {
        var (customer, order) = await PlaceAsync();
        using var live = await LiveOrder.OpenAsync(_factory.CreateClient(), customer, order.OrderId, lastEventId: "1");

        var next = live.NextBlockAsync();
        await Task.Delay(TimeSpan.FromSeconds(1), Cancellation);
        Assert.False(next.IsCompleted, "The client already has the order as it is; nothing should have been sent.");
        await BrokerQueues.PublishEventAsync(_factory.VirtualHost, new PaymentAuthorized(order.OrderId, order.Total, order.Currency, "4242"), cancellationToken: Cancellation);
        var (id, changed) = LiveOrder.Parse(await next.WaitAsync(Patience, Cancellation));

        Assert.Equal("2", id);
        Assert.Equal(StepState.Done, changed.Order.Steps.Payment);
    }

    [Fact]
    public async Task A_Last_Event_ID_behind_the_current_count_gets_the_order_at_once()
    {
        var (customer, order) = await PlaceAsync();
        await _client.RequestCancellationAsync(customer, order.OrderId, new RequestCancellationRequest(null), Cancellation);

        using var live = await LiveOrder.OpenAsync(_factory.CreateClient(), customer, order.OrderId, lastEventId: "1");
        var (id, current) = await live.NextOrderAsync(Patience);

        Assert.Equal("2", id);
        Assert.Equal(OrderStatus.CancellationRequested, current.Order.Status);
    }

    [Fact]
    public async Task Another_customers_order_or_none_is_a_404_ProblemDetails_before_any_stream()
    {
        var (_, order) = await PlaceAsync();
        var http = _factory.CreateClient();

        foreach (var orderId in new[] { order.OrderId, Guid.NewGuid() })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/orders/{orderId}/live");
            request.Headers.Add(OrderHeaders.CustomerId, Orders.NewCustomer());
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Cancellation);

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain(order.Reference, await response.Content.ReadAsStringAsync(Cancellation));
        }
    }

    [Theory]
    [InlineData("customer", "00000000-0000-0000-0000-000000000000", null, "orderId")]
    [InlineData(null, "0195b7a4-7c3e-7000-8000-000000000001", null, "customerId")]
    [InlineData("customer", "0195b7a4-7c3e-7000-8000-000000000001", "yesterday", "lastEventId")]
    [InlineData("customer", "0195b7a4-7c3e-7000-8000-000000000001", "-1", "lastEventId")]
    public async Task A_bad_order_id_customer_or_Last_Event_ID_is_a_400_naming_it(string? customer, string orderId, string? lastEventId, string field)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/orders/{orderId}/live");
        if (customer is not null)
        {
            request.Headers.Add(OrderHeaders.CustomerId, customer);
        }

        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        using var response = await _factory.CreateClient().SendAsync(request, Cancellation);

        await ProblemAssert.NamesFieldAsync(response, field, Cancellation);
    }

    [Fact]
    public async Task Many_open_streams_share_one_listening_database_connection_and_each_hears_its_order()
    {
        var placed = new List<(string Customer, OrderDto Order)>();
        for (var i = 0; i < 3; i++)
        {
            placed.Add(await PlaceAsync());
        }

        var listenersBefore = await ListeningConnectionsAsync();
        var http = _factory.CreateClient();
        var streams = new List<(Guid OrderId, LiveOrder Live)>();
        try
        {
            foreach (var (customer, order) in placed.Concat(placed))
            {
                var live = await LiveOrder.OpenAsync(http, customer, order.OrderId);
                streams.Add((order.OrderId, live));
                await live.NextOrderAsync(Patience);
            }

            Assert.Equal(1, listenersBefore);
            Assert.Equal(listenersBefore, await ListeningConnectionsAsync());

            var changed = placed[1].Order;
            await BrokerQueues.PublishEventAsync(_factory.VirtualHost, new StockReserved(changed.OrderId, [new ReservationLine(11, 1)]), cancellationToken: Cancellation);
            foreach (var (_, live) in streams.Where(stream => stream.OrderId == changed.OrderId))
            {
                Assert.Equal("2", (await live.NextOrderAsync(Patience)).Id);
            }

            foreach (var (_, live) in streams.Where(stream => stream.OrderId != changed.OrderId))
            {
                var quiet = live.NextBlockAsync();
                Assert.NotSame(quiet, await Task.WhenAny(quiet, Task.Delay(TimeSpan.FromMilliseconds(300), Cancellation)));
            }
        }
        finally
        {
            streams.ForEach(stream => stream.Live.Dispose());
        }
    }

    [Fact]
    public async Task A_change_made_while_the_listening_connection_was_lost_still_arrives_once_it_is_back()
    {
        var (customer, order) = await PlaceAsync();
        using var live = await LiveOrder.OpenAsync(_factory.CreateClient(), customer, order.OrderId);
        await live.NextOrderAsync(Patience);

        await _factory.ExecuteAsync(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN order_changes'");
        await _client.RequestCancellationAsync(customer, order.OrderId, new RequestCancellationRequest(null), Cancellation);
        var (id, changed) = await live.NextOrderAsync(Patience);

        Assert.Equal("2", id);
        Assert.Equal(OrderStatus.CancellationRequested, changed.Order.Status);
    }

    [Fact]
    public async Task The_contract_client_hands_back_the_stream_as_it_arrives_and_a_404_as_a_response()
    {
        var (customer, order) = await PlaceAsync();

        using var response = await _client.StreamOrderAsync(customer, order.OrderId, cancellationToken: Cancellation);
        using var reader = new ServerSentEventReader(await response.Content.ReadAsStreamAsync(Cancellation));
        // The stream lasts an hour: a client that buffered the body would still be waiting.
        var first = LiveOrder.Parse(await reader.NextEventAsync(Cancellation).WaitAsync(Patience, Cancellation));
        using var missing = await _client.StreamOrderAsync(Orders.NewCustomer(), order.OrderId, lastEventId: "1", Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("1", order.OrderId), (first.Id, first.Order.Order.OrderId));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_client_that_hangs_up_leaves_no_stream_behind()
    {
        var (customer, order) = await PlaceAsync();
        var feed = _factory.Services.GetRequiredService<OrderChangeFeed>();
        var live = await LiveOrder.OpenAsync(_factory.CreateClient(), customer, order.OrderId);
        await live.NextOrderAsync(Patience);
        Assert.Equal(1, feed.StreamsOf(order.OrderId));

        live.Dispose();

        var deadline = DateTime.UtcNow + Patience;
        while (feed.StreamsOf(order.OrderId) > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The stream outlived its client.");
            await Task.Delay(50, Cancellation);
        }
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_stream_as_server_sent_events()
    {
        using var document = JsonDocument.Parse(await _factory.CreateClient().GetStringAsync("/openapi/v1.json", Cancellation));

        var live = document.RootElement.GetProperty("paths").GetProperty("/orders/{orderId}/live").GetProperty("get");
        Assert.True(live.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("text/event-stream", out _));
    }

    private Task<long> ListeningConnectionsAsync() => _factory.ScalarAsync<long>(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN order_changes'");

    private async Task<(string Customer, OrderDto Order)> PlaceAsync()
    {
        var customer = Orders.NewCustomer();
        var response = await _client.PlaceOrderAsync(customer, Orders.NewKey(), Orders.Request((11, 1)), Cancellation);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (customer, response.Content!);
    }
}
