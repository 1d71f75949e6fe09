using System.Text.Json;
using Commerce.Ordering.Api.Apis;
using Commerce.Ordering.Api.Domain;
using Commerce.Testing.Hostile;

namespace Commerce.Ordering.Tests.Apis;

/// <summary>Hostile input to every Ordering endpoint: always a 4xx ProblemDetails, never a 500, no order or fact half-written.</summary>
public sealed class HostileInputTests(OrderingApiFactory factory) : IClassFixture<OrderingApiFactory>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Hostile_input_to_every_endpoint_is_a_4xx_problem_and_writes_nothing()
    {
        using var client = factory.CreateClient();
        var probe = new HostileInputProbe(client, "Ordering");
        var customer = Orders.NewCustomer();
        var asCustomer = new Dictionary<string, string> { [OrderHeaders.CustomerId] = customer };

        await probe.ProbeAsync(new HostileEndpoint("POST", "/orders")
        {
            Headers = new Dictionary<string, string>(asCustomer) { [OrderHeaders.IdempotencyKey] = Orders.NewKey() },
            Body = Json(Orders.Request((1, 1), (2, 3))),
            AssertNothingWritten = async _ => Assert.Equal((0, 0, 0, 0, 0, 0), await factory.CountCustomerRowsAsync(customer)),
            ValidStatus = 201,
        }, Cancellation);
        var orderId = await factory.ScalarAsync<Guid>("SELECT order_id FROM orders WHERE customer_id = @customer", new { customer });
        var route = new Dictionary<string, string> { ["orderId"] = orderId.ToString() };

        await probe.ProbeAsync(new HostileEndpoint("GET", "/orders")
        {
            Headers = asCustomer,
            Query = new Dictionary<string, string> { ["pageSize"] = "5", ["cursor"] = new OrderCursor(DateTimeOffset.UtcNow, Guid.NewGuid()).Encode() },
            ValidStatus = 200,
        }, Cancellation);
        await probe.ProbeAsync(new HostileEndpoint("GET", "/orders/{orderId}") { Headers = asCustomer, Route = route, ValidStatus = 200 }, Cancellation);

        // In this order each valid request is allowed: ask to cancel, the saga cancels, then confirming is too late.
        var commands = new[]
        {
            new HostileEndpoint("POST", "/orders/{orderId}/cancellation-request") { Headers = asCustomer, Body = """{"reason":"Ordered the wrong size"}""", ValidStatus = 200 },
            new HostileEndpoint("POST", "/orders/{orderId}/cancel") { Body = """{"reason":"Cancelled at the customer's request."}""", ValidStatus = 200 },
            new HostileEndpoint("POST", "/orders/{orderId}/confirm") { ValidStatus = 409 },
        };
        foreach (var command in commands)
        {
            var before = await factory.CountRowsAsync(orderId);
            var status = await factory.ScalarAsync<string>("SELECT status FROM orders WHERE order_id = @orderId", new { orderId });
            await probe.ProbeAsync(command with
            {
                Route = route,
                AssertNothingWritten = async _ =>
                {
                    Assert.Equal(before, await factory.CountRowsAsync(orderId));
                    Assert.Equal(status, await factory.ScalarAsync<string>("SELECT status FROM orders WHERE order_id = @orderId", new { orderId }));
                },
            }, Cancellation);
        }

        probe.Report();
    }

    private static string Json<T>(T request) => JsonSerializer.Serialize(request, JsonSerializerOptions.Web);
}
