using System.Text.Json;
using Commerce.Bff.Web.Client.Browser;
using Commerce.Bff.Web.Client.Screens;
using Microsoft.JSInterop;

namespace Commerce.Bff.Web.Client.Orders;

/// <summary>
/// An order's changes as the BFF pushes them (server-sent events named <c>order</c>, each the whole
/// <see cref="OrderScreen"/>), through the browser's EventSource, which reconnects by itself.
/// </summary>
public sealed class LiveOrderFeed : IAsyncDisposable
{
    private const string EventName = "order";

    private readonly Func<OrderScreen, Task> _changed;
    private readonly Func<bool, Task> _connection;
    private DotNetObjectReference<LiveOrderFeed>? _self;
    private IJSObjectReference? _source;

    private LiveOrderFeed(Func<OrderScreen, Task> changed, Func<bool, Task> connection) =>
        (_changed, _connection) = (changed, connection);

    /// <summary>Follows <paramref name="orderId"/>: <paramref name="changed"/> gets each new screen, <paramref name="connection"/> each connect (true) and loss (false).</summary>
    public static async Task<LiveOrderFeed> FollowAsync(BrowserStorage browser, Guid orderId, Func<OrderScreen, Task> changed, Func<bool, Task> connection)
    {
        var feed = new LiveOrderFeed(changed, connection);
        feed._self = DotNetObjectReference.Create(feed);
        feed._source = await browser.FollowAsync(StorefrontClient.LiveOrderPath(orderId), EventName, feed._self);
        return feed;
    }

    [JSInvokable]
    public async Task ReceiveAsync(string data)
    {
        if (JsonSerializer.Deserialize<OrderScreen>(data, JsonSerializerOptions.Web) is { } order)
        {
            await _changed(order);
        }
    }

    [JSInvokable]
    public Task ConnectionChangedAsync(bool open) => _connection(open);

    public async ValueTask DisposeAsync()
    {
        if (_source is not null)
        {
            await _source.InvokeVoidAsync("close");
            await _source.DisposeAsync();
            _source = null;
        }

        _self?.Dispose();
    }
}
