using Microsoft.AspNetCore.Http;

namespace Commerce.Bff.Web.Aggregation;

/// <summary>What a catalog list screen came to: the screen, a query Catalog refused (the customer's to fix), or no Catalog.</summary>
public abstract record CatalogRead<TScreen>
{
    public sealed record Shown(TScreen Screen) : CatalogRead<TScreen>;

    public sealed record QueryRefused(HttpValidationProblemDetails Problem) : CatalogRead<TScreen>;

    public sealed record CatalogUnavailable : CatalogRead<TScreen>;
}
