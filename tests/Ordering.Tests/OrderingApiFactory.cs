using Commerce.Catalog.Contracts;
using Commerce.Ordering.Api.Domain;
using Commerce.Ordering.Contracts;
using Commerce.Testing;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Npgsql;
using Refit;

namespace Commerce.Ordering.Tests;

/// <summary>
/// The real Ordering service in-process (<see cref="ServiceFactory{TEntryPoint}"/>), pricing orders with the real
/// Catalog service running in-process beside it: the Refit
/// client's primary handler is the Catalog test server's, so everything above it (discovery, resilience) is real.
/// </summary>
public sealed class OrderingApiFactory() : ServiceFactory<Program>("ordering")
{
    private readonly CatalogHost _catalog = new();

    /// <summary>False to stand for a Catalog that cannot be reached: every call fails to connect.</summary>
    public bool CatalogReachable { get; init; } = true;

    /// <summary>The service's clock, when a test needs one that stands still; the system's otherwise.</summary>
    public TimeProvider? Time { get; init; }

    /// <summary>Where new orders' references come from, when a test scripts them; random draws otherwise.</summary>
    public IOrderReferenceSource? References { get; init; }

    /// <summary>Configuration the test sets on top of the service's own (e.g. <c>Ordering:Live:HeartbeatInterval</c>).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    protected override bool ConsumesEvents => true;

    public override async ValueTask InitializeAsync()
    {
        if (CatalogReachable)
        {
            await _catalog.InitializeAsync();
        }

        await base.InitializeAsync();
    }

    public IOrderingApi CreateOrderingClient() => RestService.For<IOrderingApi>(CreateClient());

    public ICatalogApi CreateCatalogClient() => RestService.For<ICatalogApi>(_catalog.CreateClient());

    public async Task<T> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        return (await connection.ExecuteScalarAsync<T>(sql, parameters))!;
    }

    public async Task ExecuteAsync(string sql, object? parameters = null)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.ExecuteAsync(sql, parameters);
    }

    /// <summary>Every row the order left anywhere: what "nothing written" and "written once" are counted in.</summary>
    public async Task<(long Orders, long Lines, long Timeline, long Views, long Keys, long Outbox)> CountRowsAsync(Guid orderId) =>
        await CountRowsWhereAsync("order_id = @orderId", new { orderId });

    /// <summary>The same counts for everything a customer has.</summary>
    public async Task<(long Orders, long Lines, long Timeline, long Views, long Keys, long Outbox)> CountCustomerRowsAsync(string customerId) =>
        await CountRowsWhereAsync("order_id IN (SELECT order_id FROM orders WHERE customer_id = @customerId)", new { customerId }, customerId);

    protected override void ConfigureService(IWebHostBuilder builder)
    {
        // Where service discovery sends "https+http://catalog": the handler below answers whatever the host.
        builder.UseSetting("services:catalog:http:0", "http://catalog");
        builder.UseSetting("Messaging:RedeliveryDelay", "00:00:00.050");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            // Registered after the service's own configuration, so it runs last and replaces only the innermost handler.
            services.ConfigureAll<HttpClientFactoryOptions>(options => options.HttpMessageHandlerBuilderActions.Add(handlers =>
                handlers.PrimaryHandler = CatalogReachable ? _catalog.Server.CreateHandler() : new UnreachableHandler()));
            if (Time is not null)
            {
                services.AddSingleton(Time);
            }

            if (References is not null)
            {
                services.AddSingleton(References);
            }

            if (!CatalogReachable)
            {
                // The standard handler's retries work as in production, only without seconds of backoff in a test.
                services.ConfigureAll<HttpStandardResilienceOptions>(options => options.Retry.Delay = TimeSpan.FromMilliseconds(10));
            }
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _catalog.DisposeAsync();
    }

    private async Task<(long, long, long, long, long, long)> CountRowsWhereAsync(string orderFilter, object parameters, string? customerId = null)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        var outboxFilter = customerId is null ? "payload->>'orderId' = @orderId::text" : "payload->>'customerId' = @customerId";
        return await connection.QuerySingleAsync<(long, long, long, long, long, long)>(
            $"""
            SELECT (SELECT count(*) FROM orders WHERE {orderFilter}),
                   (SELECT count(*) FROM order_lines WHERE {orderFilter}),
                   (SELECT count(*) FROM order_timeline WHERE {orderFilter}),
                   (SELECT count(*) FROM order_views WHERE {orderFilter}),
                   (SELECT count(*) FROM idempotency_keys WHERE {orderFilter}),
                   (SELECT count(*) FROM outbox_messages WHERE {outboxFilter})
            """,
            parameters);
    }

    /// <summary>A network with no Catalog on it: every connection attempt is refused.</summary>
    private sealed class UnreachableHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (catalog)");
    }
}
