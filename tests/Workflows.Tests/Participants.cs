extern alias catalogapi;
extern alias inventoryapi;
extern alias orderingapi;
extern alias paymentsapi;
extern alias shippingapi;

using Commerce.Inventory.Contracts;
using Commerce.Ordering.Contracts;
using Commerce.Payments.Contracts;
using Commerce.Shipping.Contracts;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Npgsql;
using Refit;

[assembly: AssemblyFixture(typeof(Commerce.Workflows.Tests.Participants))]

namespace Commerce.Workflows.Tests;

/// <summary>
/// The four participants of the saga (and Catalog, which prices Ordering's orders), really running in-process, shared
/// by every test of the run: each test owns its data through fresh order ids and products.
/// </summary>
public sealed class Participants : IAsyncLifetime
{
    /// <summary>Short, so the card that never answers keeps tests fast.</summary>
    public static readonly TimeSpan ProcessorTimeout = TimeSpan.FromMilliseconds(300);

    private int _lastProductId = 20_000;

    public Participants()
    {
        Inventory = new ParticipantHost<inventoryapi::Program>("inventory")
        {
            Settings = new Dictionary<string, string> { ["Inventory:SeedDemoStock"] = "false" },
        };
        Payments = new ParticipantHost<paymentsapi::Program>("payments")
        {
            Settings = new Dictionary<string, string>
            {
                ["Payments:ProcessorTimeout"] = ProcessorTimeout.ToString(),
                ["Payments:ProcessorRetryAfter"] = "00:00:01",
            },
        };
        Shipping = new ParticipantHost<shippingapi::Program>("shipping");
        Catalog = new ParticipantHost<catalogapi::Program>("catalog");
        Ordering = NewOrdering();
    }

    public ParticipantHost<inventoryapi::Program> Inventory { get; }

    public ParticipantHost<paymentsapi::Program> Payments { get; }

    public ParticipantHost<shippingapi::Program> Shipping { get; }

    public ParticipantHost<catalogapi::Program> Catalog { get; }

    public ParticipantHost<orderingapi::Program> Ordering { get; }

    /// <summary>
    /// An Ordering of its own (database, virtual host) that prices from the shared Catalog: for a test whose consumer
    /// of Ordering's events must not see the orders every other test places.
    /// </summary>
    public ParticipantHost<orderingapi::Program> NewOrdering() => new("ordering")
    {
        // Where service discovery sends "https+http://catalog": Catalog's test server, whatever the host.
        Settings = new Dictionary<string, string> { ["services:catalog:http:0"] = "http://catalog" },
        ConfigureServices = services => services.ConfigureAll<HttpClientFactoryOptions>(options =>
            options.HttpMessageHandlerBuilderActions.Add(handlers => handlers.PrimaryHandler = Catalog.Server.CreateHandler())),
    };

    public async ValueTask InitializeAsync()
    {
        await Task.WhenAll(
            Inventory.InitializeAsync().AsTask(),
            Payments.InitializeAsync().AsTask(),
            Shipping.InitializeAsync().AsTask(),
            Catalog.InitializeAsync().AsTask());
        await Ordering.InitializeAsync();
    }

    /// <summary>
    /// The worker's own registration of the participants' clients and the activities (<see cref="Extensions.AddParticipantClients"/>,
    /// after ServiceDefaults), whose requests reach the in-process services, or, with <paramref name="reachable"/> false,
    /// a network on which every connection is refused.
    /// </summary>
    public IHost CreateWorkerServices(bool reachable = true)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["services:inventory:http:0"] = "http://inventory",
            ["services:payments:http:0"] = "http://payments",
            ["services:shipping:http:0"] = "http://shipping",
            ["services:ordering:http:0"] = "http://ordering",
            ["Logging:LogLevel:Default"] = nameof(LogLevel.Warning),
        });
        builder.AddServiceDefaults();
        builder.AddParticipantClients();
        // Only the innermost handler is replaced: everything the worker puts above it runs as in production.
        builder.Services.ConfigureAll<HttpClientFactoryOptions>(options => options.HttpMessageHandlerBuilderActions.Add(handlers =>
            handlers.PrimaryHandler = reachable ? CreateNetwork() : new UnreachableNetwork()));
        return builder.Build();
    }

    /// <summary>
    /// A handler that sends each request to the in-process participant its host names, for hosts built elsewhere;
    /// to <paramref name="ordering"/> instead of the shared Ordering when given.
    /// </summary>
    public HttpMessageHandler CreateNetwork(ParticipantHost<orderingapi::Program>? ordering = null) => new ParticipantNetwork(this, ordering ?? Ordering);

    public IInventoryApi InventoryClient() => RestService.For<IInventoryApi>(Inventory.CreateClient());

    public IPaymentsApi PaymentsClient() => RestService.For<IPaymentsApi>(Payments.CreateClient());

    public IShippingApi ShippingClient() => RestService.For<IShippingApi>(Shipping.CreateClient());

    public IOrderingApi OrderingClient() => RestService.For<IOrderingApi>(Ordering.CreateClient());

    /// <summary>Stocks a product of the test's own with <paramref name="onHand"/> units, straight in Inventory's database.</summary>
    public async Task<int> StockProductAsync(int onHand)
    {
        var productId = Interlocked.Increment(ref _lastProductId);
        await using var connection = new NpgsqlConnection(Inventory.ConnectionString);
        await connection.ExecuteAsync("INSERT INTO stock (product_id, on_hand) VALUES (@productId, @onHand)", new { productId, onHand });
        return productId;
    }

    /// <summary>Adds <paramref name="units"/> to the stock of a product Catalog sells (orders placed in Ordering are for those).</summary>
    public async Task AddStockAsync(int productId, int units)
    {
        await using var connection = new NpgsqlConnection(Inventory.ConnectionString);
        await connection.ExecuteAsync(
            "INSERT INTO stock (product_id, on_hand) VALUES (@productId, @units) ON CONFLICT (product_id) DO UPDATE SET on_hand = stock.on_hand + @units",
            new { productId, units });
    }

    /// <summary>Tokenizes a card with an expiry two years ahead.</summary>
    public async Task<string> TokenizeAsync(string cardNumber)
    {
        var response = await PaymentsClient().TokenizeCardAsync(
            new TokenizeCardRequest(cardNumber, 12, DateTime.UtcNow.Year + 2, "123"), TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"tokenizing answered {response.StatusCode}");
        return response.Content!.Token;
    }

    /// <summary>How many times Payments called the card network for the order, from its own call log.</summary>
    public async Task<long> ProcessorCallsAsync(Guid orderId)
    {
        await using var connection = new NpgsqlConnection(Payments.ConnectionString);
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM processor_calls WHERE order_id = @orderId", new { orderId });
    }

    /// <summary>
    /// Places an order of one unit of Catalog's product 1 in the shared Ordering and returns its id; paid with
    /// <paramref name="paymentToken"/>, or a token Payments never issued when the test does not take the order as far as payment.
    /// </summary>
    public Task<Guid> PlaceOrderAsync(string customerId, string? paymentToken = null) => PlaceOrderAsync(OrderingClient(), customerId, paymentToken);

    /// <summary>Places an order of one unit of Catalog's product 1 through <paramref name="ordering"/>.</summary>
    public static async Task<Guid> PlaceOrderAsync(IOrderingApi ordering, string customerId, string? paymentToken = null)
    {
        var response = await ordering.PlaceOrderAsync(
            customerId,
            Guid.NewGuid().ToString("N"),
            new PlaceOrderRequest([new PlaceOrderLine(1, 1)], Addresses.OrderAddress, paymentToken ?? "tok_" + Guid.NewGuid().ToString("N")),
            TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"placing answered {response.StatusCode}: {(response.Error as ApiException)?.Content}");
        return response.Content!.OrderId;
    }

    public async ValueTask DisposeAsync()
    {
        await Ordering.DisposeAsync();
        await Catalog.DisposeAsync();
        await Shipping.DisposeAsync();
        await Payments.DisposeAsync();
        await Inventory.DisposeAsync();
    }

    /// <summary>Sends each request to the in-process service its host names (<c>http://inventory</c>, …).</summary>
    private sealed class ParticipantNetwork(Participants participants, ParticipantHost<orderingapi::Program> ordering) : HttpMessageHandler
    {
        private readonly Dictionary<string, HttpMessageInvoker> _services = new(StringComparer.OrdinalIgnoreCase)
        {
            ["inventory"] = new(participants.Inventory.Server.CreateHandler()),
            ["payments"] = new(participants.Payments.Server.CreateHandler()),
            ["shipping"] = new(participants.Shipping.Server.CreateHandler()),
            ["ordering"] = new(ordering.Server.CreateHandler()),
        };

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            _services.TryGetValue(request.RequestUri!.Host, out var service)
                ? service.SendAsync(request, cancellationToken)
                : throw new HttpRequestException(HttpRequestError.NameResolutionError, $"No participant at {request.RequestUri.Host}");

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                foreach (var service in _services.Values)
                {
                    service.Dispose();
                }
            }

            base.Dispose(disposing);
        }
    }

    /// <summary>A network with no participant on it: every connection attempt is refused.</summary>
    private sealed class UnreachableNetwork : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new HttpRequestException(HttpRequestError.ConnectionError, $"Connection refused ({request.RequestUri?.Host})");
    }
}
