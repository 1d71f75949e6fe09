extern alias catalogapi;
extern alias inventoryapi;
extern alias orderingapi;
extern alias paymentsapi;
extern alias shippingapi;
extern alias workflows;

using System.Text.Json;
using Commerce.Ordering.Contracts;
using Commerce.Payments.Contracts;
using Commerce.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Refit;
using WorkflowsService = workflows::Commerce.Workflows.Extensions;

namespace Commerce.Bench.SagaLatency;

/// <summary>The saga's participants (and Catalog, which prices Ordering's orders) on Kestrel, sharing one bus.</summary>
internal sealed class CommerceSystem : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly List<IAsyncDisposable> _hosts = [];
    private readonly Dictionary<string, string> _databases = [];
    private readonly Dictionary<string, Uri> _addresses = [];
    private readonly string _customer = $"bench-{Guid.NewGuid():N}";

    private CommerceSystem(Uri bus) => Bus = bus;

    public Uri Bus { get; }

    public static async Task<CommerceSystem> StartAsync()
    {
        var bus = await (await RabbitMqServer.SharedAsync()).CreateVirtualHostAsync("bench-saga");
        var system = new CommerceSystem(bus);
        var catalog = await system.StartAsync<catalogapi::Program>("catalog");
        await system.StartAsync<inventoryapi::Program>("inventory", new() { ["Inventory:SeedDemoStock"] = "false" });
        await system.StartAsync<paymentsapi::Program>("payments");
        await system.StartAsync<shippingapi::Program>("shipping");
        await system.StartAsync<orderingapi::Program>("ordering", new() { ["services:catalog:http:0"] = catalog.ToString() });
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

    /// <summary>Places an order of one unit of Catalog's product 1 through Ordering's API.</summary>
    public async Task<Guid> PlaceOrderAsync(string paymentToken)
    {
        var ordering = RestService.For<IOrderingApi>(new HttpClient { BaseAddress = _addresses["ordering"] });
        var response = await ordering.PlaceOrderAsync(
            _customer,
            Guid.NewGuid().ToString("N"),
            new PlaceOrderRequest([new PlaceOrderLine(1, 1)], new OrderAddress("Ada Lovelace", "12 Analytical Row", null, "London", "SW1A 1AA", "GB"), paymentToken));
        return response.Content?.OrderId ?? throw new InvalidOperationException($"Placing answered {response.StatusCode}.");
    }

    /// <summary>The OrderPlaced Ordering's outbox wrote for the order.</summary>
    public async Task<OrderPlaced> OrderPlacedAsync(Guid orderId)
    {
        var payload = await ScalarAsync<string>(
            "SELECT payload::text FROM outbox_messages WHERE event_name = 'ordering.order-placed' AND payload->>'orderId' = $1", orderId.ToString());
        return JsonSerializer.Deserialize<OrderPlaced>(payload, Json)!;
    }

    /// <summary>From the order's placed fact to its confirmed fact, in Ordering's timeline: one clock for both ends.</summary>
    public async Task<TimeSpan> PlacedToConfirmedAsync(Guid orderId)
    {
        var milliseconds = await ScalarAsync<double>(
            """
            SELECT (EXTRACT(EPOCH FROM confirmed.occurred_at - placed.occurred_at) * 1000)::float8
            FROM order_timeline placed
            JOIN order_timeline confirmed ON confirmed.order_id = placed.order_id AND confirmed.kind = 'ordering.order-confirmed'
            WHERE placed.order_id = $1 AND placed.kind = 'ordering.order-placed'
            """,
            orderId);
        return TimeSpan.FromMilliseconds(milliseconds);
    }

    /// <summary>The saga's activities, registered as the worker registers them, for calling in-line.</summary>
    public InlineActivities InlineActivities()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(ServiceAddresses());
        builder.Configuration["Logging:LogLevel:Default"] = "Warning";
        builder.AddServiceDefaults();
        WorkflowsService.AddParticipantClients(builder);
        return new InlineActivities(builder.Build());
    }

    /// <summary>The Workflows service: its bridge consuming from the bus and its worker on <paramref name="temporalAddress"/>.</summary>
    public async Task<WorkflowsHost> StartWorkflowsAsync(string temporalAddress)
    {
        var settings = ServiceAddresses();
        settings["TEMPORAL_ADDRESS"] = temporalAddress;
        settings["Workflows:GracePeriod"] = "00:00:00";
        await StartAsync<workflows::Program>(WorkflowsService.ServiceName, settings, database: WorkflowsService.DatabaseName);
        await BrokerQueues.WaitForConsumerAsync(Bus, WorkflowsService.ServiceName, CancellationToken.None);
        return await WorkflowsHost.ConnectAsync(temporalAddress);
    }

    private Dictionary<string, string?> ServiceAddresses() =>
        new[] { "inventory", "payments", "shipping", "ordering" }.ToDictionary(name => $"services:{name}:http:0", name => (string?)_addresses[name].ToString());

    private async Task<Uri> StartAsync<TProgram>(string name, Dictionary<string, string?>? settings = null, string? database = null) where TProgram : class
    {
        database ??= $"{name}db";
        var all = new Dictionary<string, string?>(settings ?? [])
        {
            [$"ConnectionStrings:{database}"] = _databases[name] = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync($"bench-{name}"),
            ["ConnectionStrings:eventbus"] = Bus.ToString(),
        };
        var host = new ServiceHost<TProgram>(all);
        _hosts.Add(host);
        host.Start();
        return _addresses[name] = host.Address;
    }

    private async Task<T> ScalarAsync<T>(string sql, object parameter)
    {
        await using var connection = new NpgsqlConnection(_databases["ordering"]);
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
