extern alias bffweb;
extern alias catalogapi;
extern alias inventoryapi;
extern alias shippingapi;

using System.Globalization;
using Commerce.Bench.Harness;
using Commerce.Testing;

namespace Commerce.Bench.Http;

/// <summary>
/// Catalog, Inventory and Shipping (demo catalog and stock seeded) on Kestrel, the web BFF in front of them as in
/// Production; beside them the raw baselines: the raw catalog on Catalog's own database, the raw fan-out calling the
/// same three services.
/// </summary>
internal sealed class HttpSystem : IAsyncDisposable
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
    private readonly Dictionary<string, string> _databases = [];

    private HttpSystem()
    {
    }

    public Uri Catalog { get; private set; } = null!;

    public Uri Inventory { get; private set; } = null!;

    public Uri Shipping { get; private set; } = null!;

    public Uri Bff { get; private set; } = null!;

    public Uri RawCatalog { get; private set; } = null!;

    public Uri RawFanOut { get; private set; } = null!;

    public static async Task<HttpSystem> StartAsync()
    {
        var system = new HttpSystem();
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

        // The same rows as Catalog serves: the database its start-up migrated and seeded with the demo catalog.
        var rawCatalog = await Raw.RawCatalog.StartAsync(system._databases["catalog"]);
        system._hosts.Add(rawCatalog);
        system.RawCatalog = rawCatalog.Address;

        var rawFanOut = await Raw.RawFanOut.StartAsync(system.Catalog, system.Inventory, system.Shipping);
        system._hosts.Add(rawFanOut);
        system.RawFanOut = rawFanOut.Address;
        return system;
    }

    private async Task<Uri> StartServiceAsync<TProgram>(string name) where TProgram : class
    {
        var database = _databases[name] = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync($"bench-{name}");
        var host = new ServiceHost<TProgram>(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{name}db"] = database,
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
