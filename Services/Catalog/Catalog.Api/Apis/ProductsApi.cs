using System.ComponentModel;
using Commerce.Catalog.Api.Data;
using Commerce.Catalog.Api.Domain;
using Commerce.Catalog.Contracts;
using Commerce.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commerce.Catalog.Api.Apis;

public static class ProductsApi
{
    public static IEndpointRouteBuilder MapProductsApi(this IEndpointRouteBuilder app)
    {
        var products = app.MapGroup("/products").WithTags("Products");

        products.MapGet("/", ListProducts)
            .WithName("ListProducts")
            .WithSummary("List products")
            .WithDescription("Products by name, or by relevance when q is given, one keyset page at a time.")
            .WithValidation<ProductListQuery>();

        products.MapGet("/by-ids", GetProductsByIds)
            .WithName("GetProductsByIds")
            .WithSummary("Get many products by id")
            .WithDescription("The products among the given ids that exist, ordered by id; unknown ids are left out.")
            .WithValidation<ProductsByIdsQuery>();

        products.MapGet("/{id:int}", GetProduct)
            .WithName("GetProduct")
            .WithSummary("Get a product");

        products.MapGet("/{id:int}/image", GetProductImage)
            .WithName("GetProductImage")
            .WithSummary("Get a product's image (SVG)")
            .WithDescription("Drawn w CSS pixels wide and high when w is given, so a screen's image URL says the size it shows.")
            .WithValidation<ProductImageQuery>();

        products.MapPut("/{id:int}/price", ChangePrice)
            .WithName("ChangeProductPrice")
            .WithSummary("Change a product's price")
            .WithDescription("Idempotent: setting the price a product already has changes nothing.")
            .WithValidation<ChangePriceRequest>();

        return app;
    }

    public static async Task<Ok<ProductPage>> ListProducts([AsParameters] ProductListQuery query, ProductStore store, CancellationToken cancellationToken)
    {
        var filter = new ProductFilter(query.CategoryId, query.Q?.Trim());
        var page = await store.ListAsync(filter, query.Cursor, query.PageSize ?? ProductListQuery.DefaultPageSize, cancellationToken);
        return TypedResults.Ok(page);
    }

    public static async Task<Ok<IReadOnlyList<ProductDto>>> GetProductsByIds(
        [AsParameters] ProductsByIdsQuery query, ProductStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.FindManyAsync(query.Ids, cancellationToken));

    public static async Task<Results<Ok<ProductDto>, NotFound>> GetProduct(
        [Description("The product id.")] int id, ProductStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(id, cancellationToken) is { } product ? TypedResults.Ok(product) : TypedResults.NotFound();

    public static async Task<Results<ContentHttpResult, NotFound>> GetProductImage(
        [AsParameters] ProductImageQuery query, ProductStore store, HttpResponse response, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(query.Id, cancellationToken) is not { } product)
        {
            return TypedResults.NotFound();
        }

        response.Headers.CacheControl = "public, max-age=86400";
        return TypedResults.Text(ProductImage.Render(product.Name, product.CategoryId, query.W ?? ProductImage.DefaultSize), "image/svg+xml");
    }

    public static async Task<Results<Ok<ProductDto>, NotFound>> ChangePrice(
        [Description("The product id.")] int id, ChangePriceRequest request, ProductStore store, CancellationToken cancellationToken) =>
        await store.ChangePriceAsync(id, request.Price, cancellationToken) is { } product ? TypedResults.Ok(product) : TypedResults.NotFound();
}
