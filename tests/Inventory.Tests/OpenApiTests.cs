using System.Net.Http.Json;
using System.Text.Json;

namespace Commerce.Inventory.Tests;

public sealed class OpenApiTests(InventoryApiFactory factory) : IClassFixture<InventoryApiFactory>
{
    [Fact]
    public async Task The_OpenAPI_document_names_every_endpoint()
    {
        using var client = factory.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", TestContext.Current.CancellationToken);

        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject())
            .Where(operation => operation.Value.TryGetProperty("operationId", out _))
            .Select(operation => operation.Value.GetProperty("operationId").GetString())
            .Order();
        Assert.Equal(["CommitStock", "GetReservation", "GetStockLevels", "ReleaseStock", "ReserveStock"], operations);
    }
}
