using Microsoft.JSInterop;

namespace Commerce.Bff.Web.Client.Browser;

/// <summary>Where the browser keeps something: for good (<see cref="Local"/>) or for this tab's session (<see cref="Session"/>).</summary>
public enum StorageArea
{
    Local,
    Session,
}

/// <summary>The browser's local and session storage, and its server-sent events, through the storefront's JS module.</summary>
public sealed class BrowserStorage(IJSRuntime js) : IAsyncDisposable
{
    private Task<IJSObjectReference>? _module;

    public async Task<string?> ReadAsync(StorageArea area, string key) =>
        await (await ModuleAsync()).InvokeAsync<string?>("read", AreaName(area), key);

    public async Task WriteAsync(StorageArea area, string key, string value) =>
        await (await ModuleAsync()).InvokeVoidAsync("write", AreaName(area), key, value);

    public async Task RemoveAsync(StorageArea area, string key) =>
        await (await ModuleAsync()).InvokeVoidAsync("remove", AreaName(area), key);

    /// <summary>
    /// Opens an EventSource on <paramref name="url"/>; each event named <paramref name="eventName"/> goes to the
    /// receiver's <c>ReceiveAsync(string data)</c>, and each connect or loss to <c>ConnectionChangedAsync(bool open)</c>.
    /// Dispose of the handle (<c>close</c>) to stop.
    /// </summary>
    public async Task<IJSObjectReference> FollowAsync<TReceiver>(string url, string eventName, DotNetObjectReference<TReceiver> receiver)
        where TReceiver : class =>
        await (await ModuleAsync()).InvokeAsync<IJSObjectReference>("follow", url, eventName, receiver);

    public async ValueTask DisposeAsync()
    {
        if (_module is not null)
        {
            await (await _module).DisposeAsync();
        }
    }

    private Task<IJSObjectReference> ModuleAsync() =>
        _module ??= js.InvokeAsync<IJSObjectReference>("import", "./js/storefront.js").AsTask();

    private static string AreaName(StorageArea area) => area == StorageArea.Local ? "local" : "session";
}
