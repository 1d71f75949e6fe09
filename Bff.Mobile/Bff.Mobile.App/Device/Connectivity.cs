using Microsoft.JSInterop;

namespace Commerce.Bff.Mobile.App.Device;

/// <summary>Whether the phone has a signal, as the browser knows it (<c>navigator.onLine</c> and its events).</summary>
public sealed class Connectivity(IJSRuntime js) : IAsyncDisposable
{
    private DotNetObjectReference<Connectivity>? _self;

    public bool IsOnline { get; private set; } = true;

    public event Action? Changed;

    public async Task WatchAsync()
    {
        if (_self is not null)
        {
            return;
        }

        _self = DotNetObjectReference.Create(this);
        IsOnline = await js.InvokeAsync<bool>("commerceApp.watchConnectivity", _self);
        Changed?.Invoke();
    }

    [JSInvokable]
    public void OnConnectivityChanged(bool online)
    {
        IsOnline = online;
        Changed?.Invoke();
    }

    public ValueTask DisposeAsync()
    {
        _self?.Dispose();
        return ValueTask.CompletedTask;
    }
}
