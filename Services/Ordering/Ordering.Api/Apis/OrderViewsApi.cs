using Commerce.Ordering.Api.Data;
using Commerce.Ordering.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commerce.Ordering.Api.Apis;

public static class OrderViewsApi
{
    public static IEndpointRouteBuilder MapOrderViewsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/order-views/rebuild", RebuildOrderViews)
            .WithTags("Operations")
            .WithName("RebuildOrderViews")
            .WithSummary("Rebuild every order view from the timelines")
            .WithDescription(
                "The timeline is the record; the views are derived from it. Run after a change to how views are computed, " +
                "or to repair them. One transaction: readers see the old views until the new ones are complete.");
        return app;
    }

    public static async Task<Ok<ViewRebuildResult>> RebuildOrderViews(OrderViewStore views, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ViewRebuildResult(await views.RebuildAllAsync(cancellationToken)));
}
