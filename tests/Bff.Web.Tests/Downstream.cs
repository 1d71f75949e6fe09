extern alias catalogapi;
extern alias inventoryapi;
extern alias orderingapi;
extern alias shippingapi;

using Commerce.Catalog.Contracts;
using Commerce.Inventory.Contracts;
using Commerce.Ordering.Contracts;
using Commerce.Shipping.Contracts;
using Commerce.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Refit;

[assembly: AssemblyFixture(typeof(Commerce.Bff.Web.Tests.Downstream))]

namespace Commerce.Bff.Web.Tests;

/// <summary>The real services behind the BFF, in-process on real PostgreSQL and RabbitMQ, shared by every test (each owns its data: fresh customers, fresh orders).</summary>
public sealed class Downstream : IAsyncLifetime
{
    public DownstreamService<catalogapi::Program> Catalog { get; } = new("catalog");

    public DownstreamService<inventoryapi::Program> Inventory { get; } = new("inventory");

    public DownstreamService<shippingapi::Program> Shipping { get; } = new("shipping");

    /// <summary>Orders, priced by <see cref="Catalog"/>; its timeline fed through its own virtual host (publish participant events there).</summary>
    public OrderingService Ordering { get; }

    /// <summary>Where customers sign in; the browser and the BFF both reach it as <see cref="IdentityService.Authority"/>.</summary>
    public IdentityService Identity { get; } = new();

    public Downstream() => Ordering = new OrderingService(() => Catalog.Server.CreateHandler());

    public ICatalogApi CatalogClient() => RestService.For<ICatalogApi>(Catalog.CreateClient());

    public IInventoryApi InventoryClient() => RestService.For<IInventoryApi>(Inventory.CreateClient());

    public IShippingApi ShippingClient() => RestService.For<IShippingApi>(Shipping.CreateClient());

    /// <summary>Ordering as the saga and the tests' arrangements call it, beside the BFF.</summary>
    public IOrderingApi OrderingClient() => RestService.For<IOrderingApi>(Ordering.CreateClient());

    /// <summary>The in-process server each service host name (<c>http://catalog</c>, …) stands for.</summary>
    public HttpMessageHandler HandlerFor(string host) => host switch
    {
        "catalog" => Catalog.Server.CreateHandler(),
        "inventory" => Inventory.Server.CreateHandler(),
        "shipping" => Shipping.Server.CreateHandler(),
        "ordering" => Ordering.Server.CreateHandler(),
        "identity" => Identity.Server.CreateHandler(),
        _ => throw new HttpRequestException(HttpRequestError.NameResolutionError, $"No service at {host}"),
    };

    public async ValueTask InitializeAsync() => await Task.WhenAll(
        Catalog.InitializeAsync().AsTask(),
        Inventory.InitializeAsync().AsTask(),
        Shipping.InitializeAsync().AsTask(),
        Ordering.InitializeAsync().AsTask(),
        Identity.InitializeAsync().AsTask());

    public async ValueTask DisposeAsync()
    {
        await Identity.DisposeAsync();
        await Ordering.DisposeAsync();
        await Shipping.DisposeAsync();
        await Inventory.DisposeAsync();
        await Catalog.DisposeAsync();
    }
}

/// <summary>A real service in-process (<see cref="ServiceFactory{TEntryPoint}"/>), as it runs in production.</summary>
public sealed class DownstreamService<TEntryPoint>(string serviceName) : ServiceFactory<TEntryPoint>(serviceName)
    where TEntryPoint : class;

/// <summary>The real Ordering in-process, reaching Catalog (its one dependency) at <c>http://catalog</c> through <paramref name="catalog"/>.</summary>
public sealed class OrderingService(Func<HttpMessageHandler> catalog) : ServiceFactory<orderingapi::Program>("ordering")
{
    protected override bool ConsumesEvents => true;

    protected override void ConfigureService(IWebHostBuilder builder)
    {
        builder.UseSetting("services:catalog:http:0", "http://catalog");
        builder.ConfigureTestServices(services => services.ConfigureAll<HttpClientFactoryOptions>(options =>
            options.HttpMessageHandlerBuilderActions.Add(handlers => handlers.PrimaryHandler = catalog())));
    }
}
