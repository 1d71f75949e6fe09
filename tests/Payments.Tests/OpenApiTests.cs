using System.Net.Http.Json;
using System.Text.Json;

namespace Commerce.Payments.Tests;

public sealed class OpenApiTests(PaymentsApiFactory factory) : IClassFixture<PaymentsApiFactory>
{
    [Fact]
    public async Task The_OpenAPI_document_describes_every_endpoint_with_its_refusals()
    {
        using var client = factory.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", TestContext.Current.CancellationToken);

        var paths = document.GetProperty("paths");
        Assert.Equal(
            ["/payment-tokens", "/payment-tokens/{token}", "/payments/{orderId}", "/payments/{orderId}/capture", "/payments/{orderId}/refund", "/payments/{orderId}/void"],
            paths.EnumerateObject().Select(path => path.Name).Order(StringComparer.Ordinal));
        var authorize = paths.GetProperty("/payments/{orderId}").GetProperty("put");
        Assert.Equal("AuthorizePayment", authorize.GetProperty("operationId").GetString());
        Assert.Superset(
            new HashSet<string> { "200", "400", "402", "409", "422", "503" },
            authorize.GetProperty("responses").EnumerateObject().Select(response => response.Name).ToHashSet());
    }
}
