using System.Text.Json;
using Commerce.Bff.Mobile.Client;
using Microsoft.JSInterop;

namespace Commerce.Bff.Mobile.App.Device;

/// <summary>
/// The cart, kept on the phone (local storage) as product ids and quantities only: prices are never stored, the BFF
/// prices the cart each time it is shown, so what the customer reads is what the order will cost.
/// </summary>
public sealed class DeviceCart(IJSRuntime js)
{
    private const string StorageKey = "commerce.cart";
    public const int MaxQuantity = 99;

    /// <summary>The number of units changed (for the tab bar's badge).</summary>
    public event Action<int>? Changed;

    public async Task<IReadOnlyList<CartItem>> ItemsAsync()
    {
        var stored = await js.InvokeAsync<string?>("localStorage.getItem", StorageKey);
        if (string.IsNullOrEmpty(stored))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<List<CartItem>>(stored, JsonSerializerOptions.Web)?
                .Where(item => item is { ProductId: > 0, Quantity: > 0 })
                .ToList() ?? [];
        }
        catch (JsonException)
        {
            // Whatever else wrote that key, it is no cart: start an empty one rather than fail every screen.
            return [];
        }
    }

    public async Task<int> UnitsAsync() => (await ItemsAsync()).Sum(item => item.Quantity);

    public async Task AddAsync(int productId, int quantity)
    {
        var held = (await ItemsAsync()).FirstOrDefault(item => item.ProductId == productId)?.Quantity ?? 0;
        await SetQuantityAsync(productId, held + quantity);
    }

    /// <summary>Sets a product's quantity; 0 takes it out.</summary>
    public async Task SetQuantityAsync(int productId, int quantity)
    {
        var items = (await ItemsAsync()).ToList();
        var held = items.FindIndex(item => item.ProductId == productId);
        if (quantity <= 0)
        {
            items.RemoveAll(item => item.ProductId == productId);
        }
        else if (held < 0)
        {
            items.Add(new CartItem(productId, Math.Min(quantity, MaxQuantity)));
        }
        else
        {
            items[held] = items[held] with { Quantity = Math.Min(quantity, MaxQuantity) };
        }

        await SaveAsync(items);
    }

    public async Task RemoveAsync(IReadOnlyCollection<int> productIds) =>
        await SaveAsync([.. (await ItemsAsync()).Where(item => !productIds.Contains(item.ProductId))]);

    public Task ClearAsync() => SaveAsync([]);

    private async Task SaveAsync(IReadOnlyList<CartItem> items)
    {
        await js.InvokeVoidAsync("localStorage.setItem", StorageKey, JsonSerializer.Serialize(items, JsonSerializerOptions.Web));
        Changed?.Invoke(items.Sum(item => item.Quantity));
    }
}
