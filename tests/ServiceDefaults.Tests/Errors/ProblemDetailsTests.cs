using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace Commerce.ServiceDefaults.Tests.Errors;

public sealed class ProblemDetailsTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_unknown_route_is_a_404_problem()
    {
        await using var app = await TestApp.StartAsync();

        var response = await app.GetTestClient().GetAsync("/nowhere", Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_bug_is_a_500_problem_that_reveals_nothing_of_it()
    {
        await using var app = await TestApp.StartAsync(mapEndpoints: endpoints =>
            endpoints.MapGet("/boom", string () => throw new InvalidOperationException("secret connection detail")));

        var response = await app.GetTestClient().GetAsync("/boom", Cancellation);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.DoesNotContain("secret", body, StringComparison.Ordinal);
        using var problem = JsonDocument.Parse(body);
        Assert.True(problem.RootElement.TryGetProperty("traceId", out _));
    }

    [Fact]
    public async Task A_value_that_cannot_be_bound_is_a_400_naming_the_parameter()
    {
        await using var app = await TestApp.StartAsync(mapEndpoints: endpoints =>
            endpoints.MapGet("/orders", (int customerNumber) => TypedResults.Ok(customerNumber)));

        var response = await app.GetTestClient().GetAsync("/orders?customerNumber=seven", Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("customerNumber", out _));
    }

    [Fact]
    public async Task Unreadable_JSON_is_a_400_naming_the_field()
    {
        await using var app = await TestApp.StartAsync(mapEndpoints: endpoints =>
            endpoints.MapPost("/orders", (OrderLine line) => TypedResults.Ok(line)));

        var response = await app.GetTestClient().PostAsync(
            "/orders", new StringContent("""{"productId":1,"quantity":"lots"}""", System.Text.Encoding.UTF8, "application/json"), Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        using var problem = JsonDocument.Parse(body);
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("quantity", out _), body);
        Assert.DoesNotContain(typeof(OrderLine).FullName!, body, StringComparison.Ordinal);
    }

    public sealed record OrderLine(int ProductId, int Quantity);
}
