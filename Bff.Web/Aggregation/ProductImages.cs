namespace Commerce.Bff.Web.Aggregation;

/// <summary>
/// Where the browser finds a product's image. Catalog's own image URL points inside the cluster, where no browser
/// reaches, so every screen names the BFF's pass-through (<see cref="Apis.ProductImageApi"/>) instead.
/// </summary>
public static class ProductImages
{
    public static string UrlFor(int productId) => $"/images/products/{productId}";
}
