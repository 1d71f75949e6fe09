using Microsoft.AspNetCore.Http.HttpResults;

namespace Commerce.Bff.Mobile.Apis;

/// <summary>Every screen under <c>/api</c>, and a ProblemDetails 404 for any other path there (never the app's shell).</summary>
public static class MobileApi
{
    public static RouteGroupBuilder MapMobileApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapCatalogApi();
        api.MapCartApi();
        api.MapCheckoutApi();
        api.MapOrdersApi();
        api.Map("/{**path}", NoSuchEndpoint).ExcludeFromDescription();
        return api;
    }

    private static ProblemHttpResult NoSuchEndpoint() => Apis.ScreenResults.NotFound("The API has no such endpoint: see /openapi/v1.json.");
}
