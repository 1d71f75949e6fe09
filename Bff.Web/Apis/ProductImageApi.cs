using System.ComponentModel;
using Commerce.Bff.Shared;
using Commerce.Bff.Web.Aggregation;
using Commerce.Catalog.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Commerce.Bff.Web.Apis;

/// <summary>Product images for browsers, which cannot reach Catalog: a pass-through that lets browsers keep them.</summary>
public static class ProductImageApi
{
    /// <summary>
    /// A day, as Catalog itself says: an image is generated from the product's name and category, which change
    /// rarely, and a renamed product showing its old initials for a day harms no one.
    /// </summary>
    private const string BrowserCaching = "public, max-age=86400";

    public static IEndpointConventionBuilder MapProductImageApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/images/products/{id:int}", GetProductImageAsync)
            .WithName("GetProductImage")
            .WithTags("Catalog")
            .WithSummary("A product's image (SVG), cacheable by browsers")
            .CacheOutput(Extensions.CatalogCachePolicy);

    public static async Task<Results<FileContentHttpResult, NotFound, ProblemHttpResult>> GetProductImageAsync(
        HttpContext context,
        ICatalogApi catalog,
        IOptions<BffTimeouts> timeouts,
        ILoggerFactory loggers,
        [Description("The product's catalog id.")] int id,
        CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(ProductImageApi));
        try
        {
            using var image = await DownstreamFaults.WithinAsync(timeouts.Value.Catalog, token => catalog.GetProductImageAsync(id, token), cancellationToken);
            if (image.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                return TypedResults.NotFound();
            }

            if (!image.IsSuccessStatusCode)
            {
                logger.LogWarning("Catalog answered {StatusCode} for the image of product {ProductId}", image.StatusCode, id);
                return CatalogUnavailable.Problem(context);
            }

            var bytes = await image.Content.ReadAsByteArrayAsync(cancellationToken);
            context.Response.Headers.CacheControl = BrowserCaching;
            return TypedResults.File(bytes, image.Content.Headers.ContentType?.MediaType ?? "image/svg+xml");
        }
        catch (Exception exception) when (DownstreamFaults.IsUnavailable(exception, cancellationToken))
        {
            logger.LogWarning(exception, "Catalog could not give the image of product {ProductId}", id);
            return CatalogUnavailable.Problem(context);
        }
    }
}
