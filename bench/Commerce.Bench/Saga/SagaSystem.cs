extern alias catalogapi;
extern alias inventoryapi;
extern alias orderingapi;
extern alias paymentsapi;
extern alias shippingapi;
extern alias workflows;

using System.Text.Json;
using Commerce.Bench.Harness;
using Commerce.Ordering.Contracts;
using Commerce.Payments.Contracts;
using Commerce.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Refit;
using WorkflowsService = workflows::Commerce.Workflows.Extensions;

namespace Commerce.Bench.Saga;

/// <summary>Which Ordering an order is placed with: the one whose OrderPlaced starts a saga, or the one for the in-line calls.</summary>
internal enum OrderPath
{
    Saga,
    Inline,
}

/// <summary>
/// The saga's participants (and Catalog, which prices orders) on Kestrel, sharing one bus, with two Orderings: the
/// saga's, whose OrderPlaced the Workflows service consumes, and the in-line calls', on a virtual host of its own
/// where nothing consumes its OrderPlaced, so its orders start no saga and both paths can take turns run by run.
/// </summary>
internal sealed class SagaSystem : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly List<IAsyncDisposable> _hosts = [];
    private readonly Dictionary<string, string> _databases = [];
    private readonly Dictionary<string, Uri> _addresses = [];
    private readonly Dictionary<OrderPath, IOrderingApi> _ordering = [];
    private readonly string _customer = $"bench-{Guid.NewGuid():N}";

    private SagaSystem(Uri bus) => Bus = bus;

    public Uri Bus { get; }

    public static async Task<SagaSystem> StartAsync()
    {
        var rabbitMq = await RabbitMqServer.SharedAsync();
        var system = new SagaSystem(await rabbitMq.CreateVirtualHostAsync("bench-saga"));
        var catalog = await system.StartAsync<catalogapi::Program>("catalog", "catalogdb");
        await system.StartAsync<inventoryapi::Program>("inventory", "inventorydb", new() { ["Inventory:SeedDemoStock"] = "false" });
        await system.StartAsync<paymentsapi::Program>("payments", "paymentsdb");
        await system.StartAsync<shippingapi::Program>("shipping", "shippingdb");
        var pricedByCatalog = new Dictionary<string, string?> { ["services:catalog:http:0"] = catalog.ToString() };
        await system.StartAsync<orderingapi::Program>(NameOf(OrderPath.Saga), "orderingdb", pricedByCatalog);
        await system.StartAsync<orderingapi::Program>(NameOf(OrderPath.Inline), "orderingdb", pricedByCatalog, await rabbitMq.CreateVirtualHostAsync("bench-inline"));
        foreach (var path in Enum.GetValues<OrderPath>())
        {
            system._ordering[path] = RestService.For<IOrderingApi>(new HttpClient { BaseAddress = system._addresses[NameOf(path)] });
        }

        return system;
    }

    public async Task<string> TokenizeApprovedCardAsync()
    {
        var payments = RestService.For<IPaymentsApi>(new HttpClient { BaseAddress = _addresses["payments"] });
        var response = await payments.TokenizeCardAsync(new TokenizeCardRequest("4242 4242 4242 4242", 12, DateTime.UtcNow.Year + 2, "123"));
        return response.Content?.Token ?? throw new InvalidOperationException($"Tokenizing answered {response.StatusCode}.");
    }

    public async Task AddStockAsync(int productId, int units)
    {
        await using var connection = new NpgsqlConnection(_databases["inventory"]);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("INSERT INTO stock (product_id, on_hand) VALUES ($1, $2)", connection)
        {
            Parameters = { new() { Value = productId }, new() { Value = units } },
        };
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Places an order of one unit of Catalog's product 1 through that Ordering's API.</summary>
    public async Task<Guid> PlaceOrderAsync(OrderPath path, string paymentToken)
    {
        var response = await _ordering[path].PlaceOrderAsync(
            _customer,
            Guid.NewGuid().ToString("N"),
            new PlaceOrderRequest([new PlaceOrderLine(1, 1)], new OrderAddress("Ada Lovelace", "12 Analytical Row", null, "London", "SW1A 1AA", "GB"), paymentToken));
        return response.Content?.OrderId ?? throw new InvalidOperationException($"Placing answered {response.StatusCode}.");
    }

    /// <summary>The OrderPlaced the in-line Ordering's outbox wrote for the order: the saga's input, read as the bridge would get it.</summary>
    public async Task<OrderPlaced> OrderPlacedAsync(Guid orderId)
    {
        var payload = await ScalarAsync<string>(
            OrderPath.Inline,
            "SELECT payload::text FROM outbox_messages WHERE event_name = 'ordering.order-placed' AND payload->>'orderId' = $1",
            orderId.ToString());
        return JsonSerializer.Deserialize<OrderPlaced>(payload, Json)!;
    }

    /// <summary>From the order's placed fact to its confirmed fact, in Ordering's timeline: one clock for both ends.</summary>
    public async Task<TimeSpan> PlacedToConfirmedAsync(OrderPath path, Guid orderId)
    {
        var milliseconds = await ScalarAsync<double>(
            path,
            """
            SELECT (EXTRACT(EPOCH FROM confirmed.occurred_at - placed.occurred_at) * 1000)::float8
            FROM order_timeline placed
            JOIN order_timeline confirmed ON confirmed.order_id = placed.order_id AND confirmed.kind = 'ordering.order-confirmed'
            WHERE placed.order_id = $1 AND placed.kind = 'ordering.order-placed'
            """,
            orderId);
        return TimeSpan.FromMilliseconds(milliseconds);
    }

    /// <summary>The saga's activities, registered as the worker registers them, calling the in-line Ordering.</summary>
    public InlineActivities InlineActivities()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(ServiceAddresses(OrderPath.Inline));
        builder.Configuration["Logging:LogLevel:Default"] = "Warning";
        builder.AddServiceDefaults();
        WorkflowsService.AddParticipantClients(builder);
        return new InlineActivities(builder.Build());
    }

    /// <summary>The Workflows service: its bridge consuming from the bus and its worker on <paramref name="temporalAddress"/>.</summary>
    public async Task<WorkflowsHost> StartWorkflowsAsync(string temporalAddress)
    {
        var settings = ServiceAddresses(OrderPath.Saga);
        settings["TEMPORAL_ADDRESS"] = temporalAddress;
        settings["Workflows:GracePeriod"] = "00:00:00";
        await StartAsync<workflows::Program>(WorkflowsService.ServiceName, WorkflowsService.DatabaseName, settings);
        await BrokerQueues.WaitForConsumerAsync(Bus, WorkflowsService.ServiceName, CancellationToken.None);
        return await WorkflowsHost.ConnectAsync(temporalAddress);
    }

    private static string NameOf(OrderPath path) => path == OrderPath.Saga ? "ordering" : "ordering-inline";

    private Dictionary<string, string?> ServiceAddresses(OrderPath ordering) => new()
    {
        ["services:inventory:http:0"] = _addresses["inventory"].ToString(),
        ["services:payments:http:0"] = _addresses["payments"].ToString(),
        ["services:shipping:http:0"] = _addresses["shipping"].ToString(),
        ["services:ordering:http:0"] = _addresses[NameOf(ordering)].ToString(),
    };

    private async Task<Uri> StartAsync<TProgram>(string name, string database, Dictionary<string, string?>? settings = null, Uri? bus = null)
        where TProgram : class
    {
        var all = new Dictionary<string, string?>(settings ?? [])
        {
            [$"ConnectionStrings:{database}"] = _databases[name] = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync($"bench-{name}"),
            ["ConnectionStrings:eventbus"] = (bus ?? Bus).ToString(),
        };
        var host = new ServiceHost<TProgram>(all);
        _hosts.Add(host);
        host.Start();
        return _addresses[name] = host.Address;
    }

    private async Task<T> ScalarAsync<T>(OrderPath path, string sql, object parameter)
    {
        await using var connection = new NpgsqlConnection(_databases[NameOf(path)]);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = parameter } } };
        return (T)(await command.ExecuteScalarAsync() ?? throw new InvalidOperationException($"No row for {parameter}."));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in Enumerable.Reverse(_hosts))
        {
            await host.DisposeAsync();
        }
    }
}
