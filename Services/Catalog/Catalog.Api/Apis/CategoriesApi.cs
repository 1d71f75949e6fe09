using Commerce.Catalog.Api.Data;
using Commerce.Catalog.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commerce.Catalog.Api.Apis;

public static class CategoriesApi
{
    public static IEndpointRouteBuilder MapCategoriesApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/categories").WithTags("Categories")
            .MapGet("/", ListCategories)
            .WithName("ListCategories")
            .WithSummary("List categories");
        return app;
    }

    public static async Task<Ok<IReadOnlyList<CategoryDto>>> ListCategories(CategoryStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListAsync(cancellationToken));
}
