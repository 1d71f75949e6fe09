using System.Globalization;
using Commerce.Bff.Mobile.Client;
using Microsoft.Extensions.Primitives;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms;

namespace Commerce.Bff.Mobile.Edge;

/// <summary>
/// Product images, passed through from Catalog (which no phone can reach) by YARP: the one kind of read this BFF adds
/// nothing to, so it streams Catalog's answer rather than shaping a screen. The screens name
/// <c>/images/products/{id}?w=</c> with a width of <see cref="MobileImageSizes"/>; Catalog draws the vector that size and
/// says how long it may be kept (a day).
/// </summary>
public static class ProductImageProxy
{
    public const string PathPrefix = "/images/products";

    /// <summary>Catalog restarting or failing over is back within seconds, as for the screens.</summary>
    public const int RetryAfterSeconds = 5;

    private const string RouteId = "product-images";
    private const string ClusterId = "catalog";
    private const string WidthParameter = "w";

    public static string UrlFor(int productId, int width) =>
        $"{PathPrefix}/{productId.ToString(CultureInfo.InvariantCulture)}?{WidthParameter}={width.ToString(CultureInfo.InvariantCulture)}";

    public static IServiceCollection AddProductImageProxy(this IServiceCollection services, TimeSpan catalogBudget)
    {
        RouteConfig[] routes =
        [
            new RouteConfig
            {
                RouteId = RouteId,
                ClusterId = ClusterId,
                Match = new RouteMatch { Path = PathPrefix + "/{id:int}", Methods = [HttpMethods.Get] },
            }
            .WithTransformPathRouteValues("/products/{id}/image")
            // The phone's headers are none of Catalog's business: its token above all.
            .WithTransformCopyRequestHeaders(copy: false),
        ];
        ClusterConfig[] clusters =
        [
            new ClusterConfig
            {
                ClusterId = ClusterId,
                Destinations = new Dictionary<string, DestinationConfig>
                {
                    // Resolved by service discovery, as the Refit clients' base addresses are.
                    ["catalog"] = new DestinationConfig { Address = "https+http://catalog" },
                },
                HttpRequest = new Yarp.ReverseProxy.Forwarder.ForwarderRequestConfig { ActivityTimeout = catalogBudget },
            },
        ];
        services.AddReverseProxy()
            .LoadFromMemory(routes, clusters)
            .AddServiceDiscoveryDestinationResolver()
            .AddTransforms(transforms =>
            {
                if (transforms.Route.RouteId == RouteId)
                {
                    // Only the width: any other parameter would make another URL of the same image for caches to keep.
                    transforms.AddRequestTransform(request =>
                    {
                        foreach (var name in request.Query.Collection.Keys.Where(name => name != WidthParameter).ToList())
                        {
                            request.Query.Collection.Remove(name);
                        }

                        return ValueTask.CompletedTask;
                    });
                }
            });
        return services;
    }

    /// <summary>
    /// Catalog not answering (unreachable, out of time) is a 503 ProblemDetails with Retry-After, as on every screen,
    /// rather than the proxy's bare 502 or 504.
    /// </summary>
    public static IEndpointConventionBuilder MapProductImages(this IEndpointRouteBuilder app)
    {
        // Any other path there (an id that is not a number) is a ProblemDetails 404, never the app's shell.
        app.MapGet(PathPrefix + "/{**path}", () => TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "Images are /images/products/{id} with a numeric id."))
            .ExcludeFromDescription();
        return app.MapReverseProxy(proxy => proxy.Use(async (context, next) =>
        {
            await next();
            // Catalog failing (its 5xx) or not answering (the proxy's 502/504): what is buffered of it is dropped.
            if (context.Response.StatusCode >= StatusCodes.Status500InternalServerError && !context.Response.HasStarted)
            {
                context.Response.Clear();
                context.Response.Headers.RetryAfter = new StringValues(RetryAfterSeconds.ToString(CultureInfo.InvariantCulture));
                await TypedResults.Problem(
                    statusCode: StatusCodes.Status503ServiceUnavailable,
                    title: "The catalog is unavailable",
                    detail: "The image cannot be had right now; retry after the number of seconds in Retry-After.",
                    type: "https://tools.ietf.org/html/rfc9110#section-15.6.4").ExecuteAsync(context);
            }
        }));
    }
}
