extern alias bffweb;
extern alias catalogapi;
extern alias inventoryapi;
extern alias shippingapi;

using System.Globalization;
using Commerce.Testing;

namespace Commerce.Bench.BffProductPage;

/// <summary>
/// Catalog, Inventory and Shipping (demo catalog and stock seeded) on Kestrel, the web BFF in front of them as in
/// Production, and the bare fan-out beside it calling the same three services.
/// </summary>
internal sealed class ProductPageSystem : IAsyncDisposable
{
    /// <summary>
    /// The output cache stays in the pipeline but serves nothing: a page is kept 1 ms, and the same product comes round
    /// again only 240 requests later, so every measured page is aggregated and stored, as a cache miss is in
    /// production. (Zero is refused by the cache's store, with an error logged for every page.)
    /// </summary>
    public static readonly TimeSpan CatalogCacheDuration = TimeSpan.FromMilliseconds(1);

    /// <summary>The limiter still runs on every request; it just never refuses the load generator's one IP address.</summary>
    public const int PermitsPerWindow = int.MaxValue;

    private readonly List<IAsyncDisposable> _hosts = [];

    private ProductPageSystem()
    {
    }

    public Uri Catalog { get; private set; } = null!;

    public Uri Inventory { get; private set; } = null!;

    public Uri Shipping { get; private set; } = null!;

    public Uri Bff { get; private set; } = null!;

    public Uri Bare { get; private set; } = null!;

    public static async Task<ProductPageSystem> StartAsync()
    {
        var system = new ProductPageSystem();
        system.Catalog = await system.StartServiceAsync<catalogapi::Program>("catalog");
        system.Inventory = await system.StartServiceAsync<inventoryapi::Program>("inventory");
        system.Shipping = await system.StartServiceAsync<shippingapi::Program>("shipping");

        var bff = new ServiceHost<bffweb::Program>(new Dictionary<string, string?>
        {
            ["services:catalog:http:0"] = system.Catalog.ToString(),
            ["services:inventory:http:0"] = system.Inventory.ToString(),
            ["services:shipping:http:0"] = system.Shipping.ToString(),
            ["Bff:Limits:CatalogCacheDuration"] = CatalogCacheDuration.ToString("c", CultureInfo.InvariantCulture),
            ["Bff:Limits:PermitsPerWindow"] = PermitsPerWindow.ToString(CultureInfo.InvariantCulture),
            // The product page is anonymous: sign-in is configured (the BFF requires it) but never reached.
            ["Oidc:Authority"] = "http://127.0.0.1:9/",
            ["Oidc:ClientSecret"] = "bench-unused-secret",
        });
        system._hosts.Add(bff);
        bff.Start();
        system.Bff = bff.Address;

        var bare = await BareFanOut.StartAsync(system.Catalog, system.Inventory, system.Shipping);
        system._hosts.Add(bare);
        system.Bare = bare.Address;
        return system;
    }

    private async Task<Uri> StartServiceAsync<TProgram>(string name) where TProgram : class
    {
        var host = new ServiceHost<TProgram>(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{name}db"] = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync($"bench-{name}"),
            ["ConnectionStrings:eventbus"] = (await (await RabbitMqServer.SharedAsync()).CreateVirtualHostAsync($"bench-{name}")).ToString(),
        });
        _hosts.Add(host);
        host.Start();
        return host.Address;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in Enumerable.Reverse(_hosts))
        {
            await host.DisposeAsync();
        }
    }
}
