using System.Text.Json;
using Commerce.Bff.Web.Client.Browser;
using Commerce.Bff.Web.Client.Screens;

namespace Commerce.Bff.Web.Client.Cart;

/// <summary>
/// The cart, kept in the browser's local storage as <see cref="CartItem"/>s (ids and quantities, never prices), shared
/// by every part of the page that shows it (the header's badge, the cart, checkout).
/// </summary>
public sealed class CartStore(BrowserStorage storage)
{
    /// <summary>The most of one product a cart holds: more than a household buys, few enough to catch a typo.</summary>
    public const int MaxQuantity = 10;

    private const string StorageKey = "commerce.cart";

    private List<CartItem> _items = [];
    private Task? _loading;

    /// <summary>Raised after every change, so each part of the page can show the new cart.</summary>
    public event Action? Changed;

    public IReadOnlyList<CartItem> Items => _items;

    public int Count => _items.Sum(item => item.Quantity);

    public Task LoadAsync() => _loading ??= ReadAsync();

    public async Task AddAsync(int productId, int quantity)
    {
        await LoadAsync();
        var current = _items.FirstOrDefault(item => item.ProductId == productId)?.Quantity ?? 0;
        await SetQuantityAsync(productId, current + quantity);
    }

    /// <summary>Sets a product's quantity (at most <see cref="MaxQuantity"/>); zero or less takes it out.</summary>
    public async Task SetQuantityAsync(int productId, int quantity)
    {
        await LoadAsync();
        var index = _items.FindIndex(item => item.ProductId == productId);
        var line = new CartItem(productId, Math.Min(quantity, MaxQuantity));
        if (quantity <= 0)
        {
            _items.RemoveAll(item => item.ProductId == productId);
        }
        else if (index >= 0)
        {
            _items[index] = line;
        }
        else
        {
            _items.Add(line);
        }

        await SaveAsync();
    }

    public async Task RemoveAsync(IEnumerable<int> productIds)
    {
        await LoadAsync();
        var gone = productIds.ToHashSet();
        _items.RemoveAll(item => gone.Contains(item.ProductId));
        await SaveAsync();
    }

    public async Task ClearAsync()
    {
        await LoadAsync();
        _items = [];
        await SaveAsync();
    }

    private async Task ReadAsync()
    {
        var stored = await storage.ReadAsync(StorageArea.Local, StorageKey);
        _items = Parse(stored);
        Changed?.Invoke();
    }

    /// <summary>Whatever the browser holds under the key: anything but a list of sane items is an empty cart.</summary>
    private static List<CartItem> Parse(string? stored)
    {
        if (string.IsNullOrEmpty(stored))
        {
            return [];
        }

        try
        {
            var items = JsonSerializer.Deserialize<List<CartItem>>(stored, JsonSerializerOptions.Web) ?? [];
            return [.. items
                .Where(item => item is { ProductId: > 0, Quantity: > 0 })
                .GroupBy(item => item.ProductId)
                .Select(group => new CartItem(group.Key, Math.Min(group.Sum(item => item.Quantity), MaxQuantity)))];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private async Task SaveAsync()
    {
        await storage.WriteAsync(StorageArea.Local, StorageKey, JsonSerializer.Serialize(_items, JsonSerializerOptions.Web));
        Changed?.Invoke();
    }
}
