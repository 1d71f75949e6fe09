using System.Diagnostics;
using System.Net;
using Commerce.Ordering.Contracts;

namespace Commerce.Ordering.Tests.Apis;

/// <summary>Heartbeats and the end of a stream, on a service whose streams beat every 200 ms and last 2 s.</summary>
public sealed class LiveOrderTimingTests(BriskStreams streams) : IClassFixture<BriskStreams>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly OrderingApiFactory _factory = streams.Factory;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_quiet_stream_sends_a_comment_line_as_heartbeat()
    {
        var (customer, order) = await PlaceAsync();
        using var live = await LiveOrder.OpenAsync(_factory.CreateClient(), customer, order.OrderId);
        await live.NextOrderAsync(Patience);

        var heartbeat = await live.NextBlockAsync().WaitAsync(Patience, Cancellation);

        Assert.NotNull(heartbeat);
        Assert.True(heartbeat.IsComment, $"Expected a comment, got event {heartbeat.EventType}.");
        Assert.Equal(["heartbeat"], heartbeat.Comments);
    }

    [Fact]
    public async Task The_stream_ends_after_its_maximum_lifetime()
    {
        var (customer, order) = await PlaceAsync();
        var clock = Stopwatch.StartNew();
        using var live = await LiveOrder.OpenAsync(_factory.CreateClient(), customer, order.OrderId);

        var blocks = 0;
        while (await live.NextBlockAsync().WaitAsync(Patience, Cancellation) is not null)
        {
            blocks++;
        }

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.9), Patience);
        Assert.True(blocks > 1, "The order and heartbeats came before the end.");
    }

    private async Task<(string Customer, OrderDto Order)> PlaceAsync()
    {
        var customer = Orders.NewCustomer();
        var response = await _factory.CreateOrderingClient().PlaceOrderAsync(customer, Orders.NewKey(), Orders.Request((11, 1)), Cancellation);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (customer, response.Content!);
    }
}
