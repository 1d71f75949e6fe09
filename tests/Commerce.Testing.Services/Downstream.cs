extern alias catalogapi;
extern alias inventoryapi;
extern alias notificationsapi;
extern alias orderingapi;
extern alias paymentsapi;
extern alias shippingapi;

using Commerce.Catalog.Contracts;
using Commerce.Inventory.Contracts;
using Commerce.Notifications.Contracts;
using Commerce.Ordering.Contracts;
using Commerce.Payments.Contracts;
using Commerce.Shipping.Contracts;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Npgsql;
using Refit;
using Xunit;

namespace Commerce.Testing.Services;

/// <summary>
/// The real services behind a BFF, in-process on real PostgreSQL and RabbitMQ, shared by every test of a BFF's test
/// project (each owns its data: fresh customers, hence fresh orders; the project declares it an assembly fixture). Ordering and Notifications share a virtual host, so the orders placed
/// in Ordering become notifications as they would in production.
/// </summary>
public sealed class Downstream : IAsyncLifetime
{
    private DownstreamService<orderingapi::Program>? _ordering;
    private DownstreamService<notificationsapi::Program>? _notifications;

    public DownstreamService<catalogapi::Program> Catalog { get; } = new("catalog");

    public DownstreamService<inventoryapi::Program> Inventory { get; } = new("inventory");

    public DownstreamService<shippingapi::Program> Shipping { get; } = new("shipping");

    /// <summary>Where customers sign in; the browser (or app) and the BFF both reach it as <see cref="IdentityService.Authority"/>.</summary>
    public IdentityService Identity { get; } = new();

    public DownstreamService<orderingapi::Program> Ordering => _ordering ?? throw NotStarted();

    public DownstreamService<paymentsapi::Program> Payments { get; } = new("payments");

    public DownstreamService<notificationsapi::Program> Notifications => _notifications ?? throw NotStarted();

    public ICatalogApi CatalogClient() => RestService.For<ICatalogApi>(Catalog.CreateClient());

    public IInventoryApi InventoryClient() => RestService.For<IInventoryApi>(Inventory.CreateClient());

    public IShippingApi ShippingClient() => RestService.For<IShippingApi>(Shipping.CreateClient());

    public IOrderingApi OrderingClient() => RestService.For<IOrderingApi>(Ordering.CreateClient());

    public INotificationsApi NotificationsClient() => RestService.For<INotificationsApi>(Notifications.CreateClient());

    public IPaymentsApi PaymentsClient() => RestService.For<IPaymentsApi>(Payments.CreateClient());

    /// <summary>The in-process server each service host name (<c>http://catalog</c>, …) stands for.</summary>
    public HttpMessageHandler HandlerFor(string host) => host switch
    {
        "catalog" => Catalog.Server.CreateHandler(),
        "inventory" => Inventory.Server.CreateHandler(),
        "shipping" => Shipping.Server.CreateHandler(),
        "ordering" => Ordering.Server.CreateHandler(),
        "notifications" => Notifications.Server.CreateHandler(),
        "payments" => Payments.Server.CreateHandler(),
        "identity" => Identity.Server.CreateHandler(),
        _ => throw new HttpRequestException(HttpRequestError.NameResolutionError, $"No service at {host}"),
    };

    /// <summary>Places an order for <paramref name="customerId"/> straight in Ordering, as checkout would: one unit of Catalog's product 1.</summary>
    public async Task<OrderDto> PlaceOrderAsync(string customerId)
    {
        var response = await OrderingClient().PlaceOrderAsync(
            customerId,
            Guid.NewGuid().ToString(),
            new PlaceOrderRequest(
                [new PlaceOrderLine(1, 1)],
                new OrderAddress("Test Customer", "1 Main Street", null, "Springfield", "94105", "US"),
                $"tok_{Guid.NewGuid():N}"),
            TestContext.Current.CancellationToken);
        await response.EnsureSuccessStatusCodeAsync();
        return response.Content!;
    }

    /// <summary>How many orders Ordering holds for the customer, counted in its database: what "nothing placed" is checked by.</summary>
    public async Task<long> CountOrdersAsync(string customerId)
    {
        await using var connection = new NpgsqlConnection(Ordering.ConnectionString);
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM orders WHERE customer_id = @customerId", new { customerId });
    }

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var orderEvents = await (await RabbitMqServer.SharedAsync(cancellationToken)).CreateVirtualHostAsync("orders", cancellationToken);
        await Catalog.InitializeAsync();
        _ordering = new DownstreamService<orderingapi::Program>("ordering")
        {
            VirtualHost = orderEvents,
            // Its timeline is fed by the participants' events, which tests publish.
            ListensForEvents = true,
            // Ordering prices each order from Catalog: service discovery sends "https+http://catalog" to Catalog's test server.
            Settings = new Dictionary<string, string> { ["services:catalog:http:0"] = "http://catalog" },
            TestServices = services => services.ConfigureAll<HttpClientFactoryOptions>(options =>
                options.HttpMessageHandlerBuilderActions.Add(handlers => handlers.PrimaryHandler = Catalog.Server.CreateHandler())),
        };
        _notifications = new DownstreamService<notificationsapi::Program>("notifications") { VirtualHost = orderEvents, ListensForEvents = true };
        await Task.WhenAll(
            Inventory.InitializeAsync().AsTask(),
            Shipping.InitializeAsync().AsTask(),
            Identity.InitializeAsync().AsTask(),
            Payments.InitializeAsync().AsTask(),
            _notifications.InitializeAsync().AsTask(),
            _ordering.InitializeAsync().AsTask());
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var service in new IAsyncDisposable?[] { _ordering, _notifications, Payments, Identity, Shipping, Inventory, Catalog })
        {
            if (service is not null)
            {
                await service.DisposeAsync();
            }
        }
    }

    private static InvalidOperationException NotStarted() => new("The downstream services are not started yet.");
}

/// <summary>A real service in-process (<see cref="ServiceFactory{TEntryPoint}"/>), as it runs in production but for the settings and services given.</summary>
public sealed class DownstreamService<TEntryPoint>(string serviceName) : ServiceFactory<TEntryPoint>(serviceName)
    where TEntryPoint : class
{
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    public Action<IServiceCollection>? TestServices { get; init; }

    /// <summary>Whether starting waits until the service's queue is bound, so that no event published after start is lost.</summary>
    public bool ListensForEvents { get; init; }

    protected override bool ConsumesEvents => ListensForEvents;

    protected override void ConfigureService(IWebHostBuilder builder)
    {
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (TestServices is { } testServices)
        {
            builder.ConfigureTestServices(testServices);
        }
    }
}
