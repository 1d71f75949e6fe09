using System.Net;
using System.Text.Json;
using Commerce.Ordering.Api.Apis;
using Commerce.Ordering.Contracts;
using Commerce.Testing;

namespace Commerce.Ordering.Tests.Apis;

/// <summary>An Ordering service whose live streams run with the given heartbeat interval and maximum lifetime.</summary>
public abstract class LiveOrderingFixture(TimeSpan heartbeatInterval, TimeSpan maxLifetime) : IAsyncLifetime
{
    public OrderingApiFactory Factory { get; } = new()
    {
        Settings = new Dictionary<string, string>
        {
            ["Ordering:Live:HeartbeatInterval"] = heartbeatInterval.ToString("c"),
            ["Ordering:Live:MaxLifetime"] = maxLifetime.ToString("c"),
        },
    };

    public ValueTask InitializeAsync() => Factory.InitializeAsync();

    public ValueTask DisposeAsync() => Factory.DisposeAsync();
}

/// <summary>
/// Heartbeats and lifetime of an hour: nothing wakes a stream but a NOTIFY from a commit (the service has no poll of
/// its own), so an event that arrives within seconds was pushed.
/// </summary>
public sealed class QuietStreams() : LiveOrderingFixture(TimeSpan.FromHours(1), TimeSpan.FromHours(1));

/// <summary>Heartbeats every 200 ms and streams that end after 2 s, to watch both happen.</summary>
public sealed class BriskStreams() : LiveOrderingFixture(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(2));

/// <summary>An open live stream of one order, read block by block; disposing it hangs up.</summary>
internal sealed class LiveOrder(HttpResponseMessage response) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ServerSentEventReader _reader = new(response.Content.ReadAsStream());

    public HttpResponseMessage Response { get; } = response;

    public static async Task<LiveOrder> OpenAsync(HttpClient http, string customer, Guid orderId, string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/orders/{orderId}/live");
        request.Headers.Add(OrderHeaders.CustomerId, customer);
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return new LiveOrder(response);
    }

    /// <summary>The next block, heartbeat or event; null when the server ended the stream.</summary>
    public Task<ServerSentBlock?> NextBlockAsync() => _reader.NextAsync(TestContext.Current.CancellationToken);

    /// <summary>The next order event, skipping heartbeats; fails when none arrives within <paramref name="patience"/>.</summary>
    public async Task<(string Id, OrderDetailsDto Order)> NextOrderAsync(TimeSpan patience) =>
        Parse(await _reader.NextEventAsync(TestContext.Current.CancellationToken).WaitAsync(patience, TestContext.Current.CancellationToken));

    public static (string Id, OrderDetailsDto Order) Parse(ServerSentBlock? block)
    {
        Assert.NotNull(block);
        Assert.Equal("order", block.EventType);
        Assert.NotNull(block.Id);
        return (block.Id, JsonSerializer.Deserialize<OrderDetailsDto>(block.Data!, Json)!);
    }

    public void Dispose()
    {
        _reader.Dispose();
        Response.Dispose();
    }
}
