extern alias catalogapi;
extern alias inventoryapi;
extern alias shippingapi;

using Commerce.Catalog.Contracts;
using Commerce.Inventory.Contracts;
using Commerce.Shipping.Contracts;
using Commerce.Testing;
using Refit;

[assembly: AssemblyFixture(typeof(Commerce.Bff.Web.Tests.Downstream))]

namespace Commerce.Bff.Web.Tests;

/// <summary>The real services behind the BFF, in-process on real PostgreSQL and RabbitMQ, shared by every test (each owns its data: fresh customers, fresh orders).</summary>
public sealed class Downstream : IAsyncLifetime
{
    public DownstreamService<catalogapi::Program> Catalog { get; } = new("catalog");

    public DownstreamService<inventoryapi::Program> Inventory { get; } = new("inventory");

    public DownstreamService<shippingapi::Program> Shipping { get; } = new("shipping");

    /// <summary>Where customers sign in; the browser and the BFF both reach it as <see cref="IdentityService.Authority"/>.</summary>
    public IdentityService Identity { get; } = new();

    public ICatalogApi CatalogClient() => RestService.For<ICatalogApi>(Catalog.CreateClient());

    public IInventoryApi InventoryClient() => RestService.For<IInventoryApi>(Inventory.CreateClient());

    public IShippingApi ShippingClient() => RestService.For<IShippingApi>(Shipping.CreateClient());

    /// <summary>The in-process server each service host name (<c>http://catalog</c>, …) stands for.</summary>
    public HttpMessageHandler HandlerFor(string host) => host switch
    {
        "catalog" => Catalog.Server.CreateHandler(),
        "inventory" => Inventory.Server.CreateHandler(),
        "shipping" => Shipping.Server.CreateHandler(),
        "identity" => Identity.Server.CreateHandler(),
        _ => throw new HttpRequestException(HttpRequestError.NameResolutionError, $"No service at {host}"),
    };

    public async ValueTask InitializeAsync() => await Task.WhenAll(
        Catalog.InitializeAsync().AsTask(),
        Inventory.InitializeAsync().AsTask(),
        Shipping.InitializeAsync().AsTask(),
        Identity.InitializeAsync().AsTask());

    public async ValueTask DisposeAsync()
    {
        await Identity.DisposeAsync();
        await Shipping.DisposeAsync();
        await Inventory.DisposeAsync();
        await Catalog.DisposeAsync();
    }
}

/// <summary>A real service in-process (<see cref="ServiceFactory{TEntryPoint}"/>), as it runs in production.</summary>
public sealed class DownstreamService<TEntryPoint>(string serviceName) : ServiceFactory<TEntryPoint>(serviceName)
    where TEntryPoint : class;
