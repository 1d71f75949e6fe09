using Commerce.Inventory.Api.Data;
using Commerce.Inventory.Contracts;
using Commerce.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commerce.Inventory.Api.Apis;

public static class StockApi
{
    public static IEndpointRouteBuilder MapStockApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/stock").WithTags("Stock")
            .MapGet("/", GetStockLevels)
            .WithName("GetStockLevels")
            .WithSummary("Get the stock of many products")
            .WithDescription("One level per distinct product id, ordered by id. A product Inventory does not stock reports zeros: nothing available.")
            .WithValidation<StockLevelsQuery>();
        return app;
    }

    public static async Task<Ok<IReadOnlyList<StockLevelDto>>> GetStockLevels(
        [AsParameters] StockLevelsQuery query, StockStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.GetLevelsAsync(query.ProductIds, cancellationToken));
}
