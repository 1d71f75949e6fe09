using System.Net;
using System.Text;
using System.Text.Json;

using Commerce.Testing;

namespace Commerce.Inventory.Tests.Apis;

/// <summary>Every client mistake is a 400 ProblemDetails whose errors name the field, and changes nothing.</summary>
public sealed class ValidationTests(InventoryApiFactory factory) : IClassFixture<InventoryApiFactory>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> BadReservations => new()
    {
        { "{}", "lines" },
        { """{"lines":null}""", "lines" },
        { """{"lines":[]}""", "lines" },
        { $$"""{"lines":[{{string.Join(',', Enumerable.Range(1, 51).Select(id => $$"""{"productId":{{id}},"quantity":1}"""))}}]}""", "lines" },
        { """{"lines":[{"productId":3,"quantity":1},{"productId":3,"quantity":2}]}""", "lines" },
        { """{"lines":[null]}""", "lines[0]" },
        { """{"lines":[{"productId":0,"quantity":1}]}""", "lines[0].productId" },
        { """{"lines":[{"productId":1,"quantity":1},{"productId":-4,"quantity":1}]}""", "lines[1].productId" },
        { """{"lines":[{"productId":1,"quantity":0}]}""", "lines[0].quantity" },
        { """{"lines":[{"productId":1,"quantity":-1}]}""", "lines[0].quantity" },
        { """{"lines":[{"productId":1,"quantity":1000}]}""", "lines[0].quantity" },
        { """{"lines":[{"productId":"one","quantity":1}]}""", "lines[0].productId" },
        { """{"lines":[{"productId":1,"quantity":2.5}]}""", "lines[0].quantity" },
        { """{"lines":"everything"}""", "lines" },
    };

    [Theory]
    [MemberData(nameof(BadReservations))]
    public async Task A_bad_reservation_is_a_400_naming_the_field_and_reserves_nothing(string body, string field)
    {
        using var client = factory.CreateClient();
        var orderId = Guid.NewGuid();
        var reservedBefore = await TotalReservedAsync();

        var response = await client.PutAsync($"/reservations/{orderId}", new StringContent(body, Encoding.UTF8, "application/json"), Cancellation);

        await ProblemAssert.NamesFieldAsync(response, field, Cancellation);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/reservations/{orderId}", Cancellation)).StatusCode);
        Assert.Equal(reservedBefore, await TotalReservedAsync());
    }

    [Fact]
    public async Task Fifty_lines_and_999_units_pass_validation_and_are_checked_against_stock()
    {
        using var client = factory.CreateClient();
        var lines = Enumerable.Range(1, 50).Select(id => $$"""{"productId":{{id}},"quantity":{{(id == 1 ? 999 : 1)}}}""");
        // Products 1–50 of the demo stock: 20 and 40 are out of stock and nobody has 999 units of product 1.
        var body = $$"""{"lines":[{{string.Join(',', lines)}}]}""";

        var response = await client.PutAsync($"/reservations/{Guid.NewGuid()}", new StringContent(body, Encoding.UTF8, "application/json"), Cancellation);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        Assert.Equal([1, 20, 40], problem.RootElement.GetProperty("shortages").EnumerateArray().Select(s => s.GetProperty("productId").GetInt32()));
    }

    [Fact]
    public async Task A_reservation_without_a_body_is_a_400()
    {
        using var client = factory.CreateClient();

        var response = await client.PutAsync($"/reservations/{Guid.NewGuid()}", new StringContent("", Encoding.UTF8, "application/json"), Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    public static TheoryData<string, string> BadStockQueries => new()
    {
        { "/stock", "productIds" },
        { "/stock?productIds=0", "productIds[0]" },
        { "/stock?productIds=1&productIds=-2", "productIds[1]" },
        { "/stock?productIds=1&productIds=abc", "productIds" },
        { "/stock?" + string.Join('&', Enumerable.Range(1, 101).Select(id => $"productIds={id}")), "productIds" },
    };

    [Theory]
    [MemberData(nameof(BadStockQueries))]
    public async Task A_bad_stock_query_is_a_400_naming_the_field(string url, string field)
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync(url, Cancellation);

        await ProblemAssert.NamesFieldAsync(response, field, Cancellation);
    }

    private Task<int> TotalReservedAsync() =>
        factory.QuerySingleAsync<int>("SELECT sum(reserved)::int FROM stock", null, Cancellation);

}
