using Commerce.Bff.Web.Client.Screens;

namespace Commerce.Bff.Web.Aggregation;

/// <summary>What the product screen came to: the screen, no such product, or no Catalog to ask.</summary>
public abstract record ProductScreenOutcome
{
    public sealed record Found(ProductScreen Screen) : ProductScreenOutcome;

    public sealed record NoSuchProduct : ProductScreenOutcome;

    public sealed record CatalogUnavailable : ProductScreenOutcome;
}
