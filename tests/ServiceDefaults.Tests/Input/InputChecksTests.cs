using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Hosting;

namespace Commerce.ServiceDefaults.Tests.Input;

public sealed class InputChecksTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private int _handled;

    [Theory]
    [InlineData("application/json; charset=foo")]
    [InlineData("application/problem+json; charset=foo")]
    // The framework looks the name up with its quotes, so it cannot read this either.
    [InlineData("application/json; charset=\"utf-8\"")]
    public async Task A_JSON_body_in_a_charset_the_framework_cannot_read_is_a_415_naming_the_Content_Type(string contentType)
    {
        await using var app = await StartAsync();

        var response = await app.GetTestClient().PostAsync("/orders", Json("""{"name":"Ada","lines":[]}""", contentType), Cancellation);

        await AssertRefusedAsync(response, HttpStatusCode.UnsupportedMediaType, "Content-Type");
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("application/json")]
    public async Task A_JSON_body_in_UTF_8_is_read(string contentType)
    {
        await using var app = await StartAsync();

        var response = await app.GetTestClient().PostAsync("/orders", Json("""{"name":"Ada","lines":["a"]}""", contentType), Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, _handled);
    }

    [Theory]
    [InlineData("""{"name":"A\u0000da","lines":[]}""", "name")]
    [InlineData("""{"name":"Ada","address":{"line1":"1 Main St\u0000"},"lines":[]}""", "address.line1")]
    [InlineData("""{"name":"Ada","lines":["a","\u0000"]}""", "lines[1]")]
    public async Task A_NUL_in_any_JSON_string_is_a_400_naming_the_field(string body, string field)
    {
        await using var app = await StartAsync();

        var response = await app.GetTestClient().PostAsync("/orders", Json(body, "application/json"), Cancellation);

        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("""{"name":"Ada \ud800","lines":[]}""", "name")]
    [InlineData("""{"name":"Ada","lines":["\udc00a"]}""", "lines[0]")]
    public async Task Half_a_surrogate_pair_in_a_JSON_string_is_a_400_naming_the_field(string body, string field)
    {
        await using var app = await StartAsync();

        var response = await app.GetTestClient().PostAsync("/orders", Json(body, "application/json"), Cancellation);

        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task A_whole_surrogate_pair_is_a_character_like_any_other()
    {
        await using var app = await StartAsync();

        var response = await app.GetTestClient().PostAsync("/orders", Json("""{"name":"Ada \ud83d\ude00","lines":[]}""", "application/json"), Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Ada \ud83d\ude00", JsonSerializer.Deserialize<string>(await response.Content.ReadAsStringAsync(Cancellation)));
    }

    [Theory]
    [InlineData("/items?q=a%00b", "q")]
    [InlineData("/items?pageSize=5%00", "pageSize")]
    [InlineData("/items?ids=1&ids=1%00", "ids")]
    [InlineData("/items?%00=1", "\0")]
    public async Task A_NUL_in_a_query_parameter_is_a_400_naming_it(string url, string field)
    {
        await using var app = await StartAsync();

        var response = await app.GetTestClient().GetAsync(url, Cancellation);

        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Theory]
    [InlineData("/items/5%00")]
    [InlineData("/orders/8d7f4a52-39b4-4b8e-9a61-0c7c2b1f7e11%00")]
    public async Task A_NUL_in_a_route_value_is_refused_by_the_server_before_any_endpoint(string path)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults();
        await using var app = builder.Build();
        app.MapGet("/items/{id:int}", (int id) => Handled(id));
        app.MapGet("/orders/{orderId:guid}", (Guid orderId) => Handled(orderId));
        await app.StartAsync(Cancellation);
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        var response = await client.GetAsync(path, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, _handled);
    }

    [Fact]
    public async Task A_NUL_in_a_header_is_a_400_naming_the_header()
    {
        await using var app = await StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/items?q=tea");
        request.Headers.TryAddWithoutValidation("X-Customer-Id", "ada\0");

        var response = await app.GetTestClient().SendAsync(request, Cancellation);

        await AssertRefusedAsync(response, HttpStatusCode.BadRequest, "X-Customer-Id");
    }

    [Fact]
    public async Task Values_without_a_NUL_reach_the_endpoint()
    {
        await using var app = await StartAsync();
        var client = app.GetTestClient();

        var query = await client.GetAsync("/items?q=a%20b&pageSize=5", Cancellation);
        var route = await client.GetAsync("/items/5", Cancellation);

        Assert.Equal(HttpStatusCode.OK, query.StatusCode);
        Assert.Equal(HttpStatusCode.OK, route.StatusCode);
        Assert.Equal(2, _handled);
    }

    private async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), body);
        Assert.Equal(0, _handled);
    }

    private Task<WebApplication> StartAsync() => TestApp.StartAsync(mapEndpoints: endpoints =>
    {
        endpoints.MapPost("/orders", (Order order) => Handled(order.Name));
        endpoints.MapGet("/orders/{orderId:guid}", (Guid orderId) => Handled(orderId));
        endpoints.MapGet("/items", (string? q, int? pageSize, int[]? ids) => Handled(q));
        endpoints.MapGet("/items/{id:int}", (int id) => Handled(id));
    });

    private IResult Handled(object? value)
    {
        Interlocked.Increment(ref _handled);
        return TypedResults.Ok(value);
    }

    private static StringContent Json(string body, string contentType)
    {
        var content = new StringContent(body, Encoding.UTF8);
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    public sealed record Order(string Name, Address? Address, IReadOnlyList<string> Lines);

    public sealed record Address(string Line1);
}
