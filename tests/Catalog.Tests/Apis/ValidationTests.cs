using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Commerce.Catalog.Api.Domain;

using Commerce.Testing;

namespace Commerce.Catalog.Tests.Apis;

/// <summary>Every client mistake is a 400 ProblemDetails whose errors name the field, and changes nothing.</summary>
public sealed class ValidationTests(CatalogApiFactory factory) : IClassFixture<CatalogApiFactory>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> BadQueries => new()
    {
        { "/products?pageSize=0", "pageSize" },
        { "/products?pageSize=101", "pageSize" },
        { "/products?pageSize=ten", "pageSize" },
        { "/products?categoryId=0", "categoryId" },
        { "/products?categoryId=coffee", "categoryId" },
        { "/products?q=%20%20", "q" },
        { $"/products?q={new string('a', 201)}", "q" },
        { "/products?cursor=not-a-cursor", "cursor" },
        { $"/products?q=coffee&cursor={ProductCursor.AfterNamed("Classic Chai Blend", 10).Encode()}", "cursor" },
        { $"/products?cursor={ProductCursor.AfterRanked(0.5f, 10).Encode()}", "cursor" },
        { "/products/by-ids", "ids" },
        { "/products/by-ids?ids=0", "ids[0]" },
        { "/products/by-ids?ids=1&ids=abc", "ids" },
        { "/products/by-ids?" + string.Join('&', Enumerable.Range(1, 101).Select(id => $"ids={id}")), "ids" },
        { "/products/5/image?w=31", "w" },
        { "/products/5/image?w=1025", "w" },
        { "/products/5/image?w=wide", "w" },
    };

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task A_bad_query_is_a_400_naming_the_field(string url, string field)
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync(url, Cancellation);

        await ProblemAssert.NamesFieldAsync(response, field, Cancellation);
    }

    public static TheoryData<string, string> BadPriceChanges => new()
    {
        { """{"price":0}""", "price" },
        { """{"price":-5}""", "price" },
        { """{"price":12.345}""", "price" },
        { """{"price":1000000}""", "price" },
        { """{"price":"cheap"}""", "price" },
    };

    [Theory]
    [MemberData(nameof(BadPriceChanges))]
    public async Task A_bad_price_change_is_a_400_naming_the_field_and_changes_nothing(string body, string field)
    {
        using var client = factory.CreateClient();
        const int productId = 42;

        var response = await client.PutAsync($"/products/{productId}/price", new StringContent(body, Encoding.UTF8, "application/json"), Cancellation);

        await ProblemAssert.NamesFieldAsync(response, field, Cancellation);
        var product = await client.GetFromJsonAsync<JsonElement>($"/products/{productId}", Cancellation);
        Assert.Equal(DemoCatalog.Products[productId - 1].Price, product.GetProperty("price").GetDecimal());
    }

    [Fact]
    public async Task A_price_change_without_a_body_is_a_400()
    {
        using var client = factory.CreateClient();

        var response = await client.PutAsync("/products/1/price", new StringContent("", Encoding.UTF8, "application/json"), Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

}
