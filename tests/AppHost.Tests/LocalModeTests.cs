using System.Net;
using Aspire.Hosting.Testing;
using Commerce.Ordering.Contracts;
using Temporalio.Client;

namespace Commerce.AppHost.Tests;

/// <summary>The system as the README's run command brings it up without a container runtime, used as a customer would.</summary>
[Collection(LocalAppHostCollection.Name)]
public sealed class LocalModeTests(LocalAppHost appHost)
{
    private static readonly string[] Services = ["catalog", "inventory", "payments", "shipping", "notifications", "ordering", "identity", "bff-web", "bff-mobile", "workflows"];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_resource_is_healthy_and_every_service_answers_health()
    {
        // The fixture waited for every resource of the model to be healthy (it fails naming one that is not); the
        // infrastructure is there as processes, not containers.
        Assert.Superset(
            new HashSet<string> { "postgres", "catalogdb", "orderingdb", "identitydb", "workflowsdb", "eventbus", "eventbus-epmd", "temporal", "temporal-ui-build" },
            appHost.ResourceNames.ToHashSet());

        var statuses = new Dictionary<string, HttpStatusCode>();
        foreach (var service in Services)
        {
            using var client = appHost.App.CreateHttpClient(service, "http");
            using var health = await client.GetAsync(new Uri("/health", UriKind.Relative), Cancellation);
            statuses[service] = health.StatusCode;
        }

        // Every service is asked before asserting, so one report names all that did not answer.
        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status.Value));
    }

    [Fact]
    public async Task The_identity_provider_publishes_its_discovery_document_with_itself_as_issuer()
    {
        using var client = appHost.App.CreateHttpClient("identity", "http");

        using var discovery = await client.GetAsync(new Uri("/.well-known/openid-configuration", UriKind.Relative), Cancellation);

        Assert.Equal(HttpStatusCode.OK, discovery.StatusCode);
        using var document = System.Text.Json.JsonDocument.Parse(await discovery.Content.ReadAsStringAsync(Cancellation));
        Assert.Equal(new Uri(client.BaseAddress!, "/"), new Uri(document.RootElement.GetProperty("issuer").GetString()!));
    }

    [Fact]
    public async Task The_web_BFF_serves_a_product_page_from_catalog_inventory_and_shipping_with_nothing_degraded()
    {
        using var client = appHost.App.CreateHttpClient("bff-web", "http");

        // Services that have just started can miss the BFF's budgets on their first calls (cold connections, JIT):
        // the BFF then says so (503 or a degraded part), and asking again, as a browser would, gets the whole page.
        var product = await EventuallyAsync(async () =>
        {
            using var response = await client.GetAsync(new Uri("/api/products/1", UriKind.Relative), Cancellation);
            var body = await response.Content.ReadAsStringAsync(Cancellation);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                Assert.NotNull(response.Headers.RetryAfter);
                return (null, $"{(int)response.StatusCode} {body}");
            }

            var page = System.Text.Json.JsonDocument.Parse(body).RootElement.Clone();
            return (page.GetProperty("degraded").GetArrayLength() == 0 ? page : (System.Text.Json.JsonElement?)null, body);
        });

        Assert.Equal(1, product.GetProperty("id").GetInt32());
        // Each part came from its own service through service discovery.
        Assert.NotEqual("unknown", product.GetProperty("availability").GetProperty("status").GetString());
        Assert.True(product.GetProperty("shippingEstimate").GetProperty("deliveryDays").GetInt32() > 0);
    }

    [Fact]
    public async Task An_order_placed_through_ordering_is_confirmed_by_the_saga_and_found_in_temporal_by_its_order_id()
    {
        var customer = new OrderingCustomer(appHost);
        var order = await customer.PlaceOrderAsync(OrderingCustomer.ApprovedCard);

        var confirmed = await customer.WaitForFinalStatusAsync(order.OrderId);

        Assert.Equal(OrderStatus.Confirmed, confirmed.Order.Status);
        Assert.Equal(new OrderSteps(StepState.Done, StepState.Done, StepState.Done), confirmed.Order.Steps);
        var temporal = await TemporalClient.ConnectAsync(new(appHost.TemporalAddress));
        // The saga's last activity confirms the order; the workflow completes just after it returns, not before.
        await temporal.GetWorkflowHandle($"order-{order.OrderId}").GetResultAsync().WaitAsync(OrderingCustomer.SagaTimeout, Cancellation);
        var sagas = await ToListAsync(temporal.ListWorkflowsAsync($"OrderId = '{order.OrderId}'"));
        var saga = Assert.Single(sagas);
        Assert.Equal($"order-{order.OrderId}", saga.Id);
        Assert.Equal(Temporalio.Api.Enums.V1.WorkflowExecutionStatus.Completed, saga.Status);
    }

    [Fact]
    public async Task An_order_whose_card_is_declined_is_cancelled_after_its_stock_is_released()
    {
        var customer = new OrderingCustomer(appHost);
        var order = await customer.PlaceOrderAsync(OrderingCustomer.DeclinedCard);

        var cancelled = await customer.WaitForFinalStatusAsync(order.OrderId);

        Assert.Equal(OrderStatus.Cancelled, cancelled.Order.Status);
        Assert.False(string.IsNullOrWhiteSpace(cancelled.Order.CancellationReason));
        Assert.Equal(new OrderSteps(StepState.Compensated, StepState.Pending, StepState.Pending), cancelled.Order.Steps);
        // The step taken, then its compensation, then the cancellation: the customer's timeline.
        var kinds = cancelled.Timeline.Select(entry => entry.Kind).ToList();
        string[] expected = ["ordering.order-placed", "inventory.stock-reserved", "inventory.stock-released", "ordering.order-cancelled"];
        Assert.Equal(expected, kinds.Where(expected.Contains));
    }

    /// <summary>Asks until <paramref name="attempt"/> gives a value, for at most a minute; fails with the last answer.</summary>
    private static async Task<T> EventuallyAsync<T>(Func<Task<(T? Value, string Answer)>> attempt) where T : struct
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (true)
        {
            var (value, answer) = await attempt();
            if (value is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Still not there after a minute; last answer: {answer}");
            await Task.Delay(TimeSpan.FromSeconds(1), Cancellation);
        }
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items.WithCancellation(Cancellation))
        {
            list.Add(item);
        }

        return list;
    }
}
