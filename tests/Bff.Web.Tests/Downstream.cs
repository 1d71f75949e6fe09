extern alias catalogapi;
extern alias inventoryapi;
extern alias orderingapi;
extern alias paymentsapi;
extern alias shippingapi;

using Commerce.Catalog.Contracts;
using Commerce.Inventory.Contracts;
using Commerce.Ordering.Contracts;
using Commerce.Payments.Contracts;
using Commerce.Shipping.Contracts;
using Commerce.Testing;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Npgsql;
using Refit;

[assembly: AssemblyFixture(typeof(Commerce.Bff.Web.Tests.Downstream))]

namespace Commerce.Bff.Web.Tests;

/// <summary>The real services behind the BFF, in-process on real PostgreSQL and RabbitMQ, shared by every test (each owns its data: fresh customers, fresh orders).</summary>
public sealed class Downstream : IAsyncLifetime
{
    public Downstream()
    {
        Ordering = new OrderingService(this);
    }

    public DownstreamService<catalogapi::Program> Catalog { get; } = new("catalog");

    public DownstreamService<inventoryapi::Program> Inventory { get; } = new("inventory");

    public DownstreamService<shippingapi::Program> Shipping { get; } = new("shipping");

    /// <summary>Ordering, pricing orders with <see cref="Catalog"/> above.</summary>
    public OrderingService Ordering { get; }

    public DownstreamService<paymentsapi::Program> Payments { get; } = new("payments");

    /// <summary>Where customers sign in; the browser and the BFF both reach it as <see cref="IdentityService.Authority"/>.</summary>
    public IdentityService Identity { get; } = new();

    public ICatalogApi CatalogClient() => RestService.For<ICatalogApi>(Catalog.CreateClient());

    public IInventoryApi InventoryClient() => RestService.For<IInventoryApi>(Inventory.CreateClient());

    public IShippingApi ShippingClient() => RestService.For<IShippingApi>(Shipping.CreateClient());

    public IOrderingApi OrderingClient() => RestService.For<IOrderingApi>(Ordering.CreateClient());

    public IPaymentsApi PaymentsClient() => RestService.For<IPaymentsApi>(Payments.CreateClient());

    /// <summary>The in-process server each service host name (<c>http://catalog</c>, …) stands for.</summary>
    public HttpMessageHandler HandlerFor(string host) => host switch
    {
        "catalog" => Catalog.Server.CreateHandler(),
        "inventory" => Inventory.Server.CreateHandler(),
        "shipping" => Shipping.Server.CreateHandler(),
        "ordering" => Ordering.Server.CreateHandler(),
        "payments" => Payments.Server.CreateHandler(),
        "identity" => Identity.Server.CreateHandler(),
        _ => throw new HttpRequestException(HttpRequestError.NameResolutionError, $"No service at {host}"),
    };

    public async ValueTask InitializeAsync() => await Task.WhenAll(
        Catalog.InitializeAsync().AsTask(),
        Inventory.InitializeAsync().AsTask(),
        Shipping.InitializeAsync().AsTask(),
        Ordering.InitializeAsync().AsTask(),
        Payments.InitializeAsync().AsTask(),
        Identity.InitializeAsync().AsTask());

    public async ValueTask DisposeAsync()
    {
        await Identity.DisposeAsync();
        await Payments.DisposeAsync();
        await Ordering.DisposeAsync();
        await Shipping.DisposeAsync();
        await Inventory.DisposeAsync();
        await Catalog.DisposeAsync();
    }
}

/// <summary>A real service in-process (<see cref="ServiceFactory{TEntryPoint}"/>), as it runs in production.</summary>
public sealed class DownstreamService<TEntryPoint>(string serviceName) : ServiceFactory<TEntryPoint>(serviceName)
    where TEntryPoint : class;

/// <summary>The real Ordering service, its Catalog client reaching the in-process Catalog as service discovery would.</summary>
public sealed class OrderingService(Downstream downstream) : ServiceFactory<orderingapi::Program>("ordering")
{
    /// <summary>How many orders Ordering holds for the customer, counted in its database.</summary>
    public async Task<long> CountOrdersAsync(string customerId)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM orders WHERE customer_id = @customerId", new { customerId });
    }

    protected override void ConfigureService(IWebHostBuilder builder)
    {
        builder.UseSetting("services:catalog:http:0", "http://catalog");
        builder.ConfigureTestServices(services => services.ConfigureAll<HttpClientFactoryOptions>(options =>
            options.HttpMessageHandlerBuilderActions.Add(handlers => handlers.PrimaryHandler = downstream.HandlerFor("catalog"))));
    }
}
