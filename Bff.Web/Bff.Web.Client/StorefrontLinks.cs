namespace Commerce.Bff.Web.Client;

/// <summary>The storefront's addresses, so pages on both sides link the same way.</summary>
public static class StorefrontLinks
{
    public static string Product(int productId) => $"/products/{productId}";

    public static string Category(string slug) => $"/products?category={Uri.EscapeDataString(slug)}";

    public static string CategoryOrAll(string? slug) => slug is null ? "/products" : Category(slug);

    /// <summary>A browse or search page; <paramref name="cursor"/> is the keyset cursor of the page to show.</summary>
    public static string Products(string? categorySlug, string? q, string? cursor = null)
    {
        var query = new List<string>();
        if (!string.IsNullOrWhiteSpace(categorySlug))
        {
            query.Add($"category={Uri.EscapeDataString(categorySlug)}");
        }

        if (!string.IsNullOrWhiteSpace(q))
        {
            query.Add($"q={Uri.EscapeDataString(q)}");
        }

        if (cursor is not null)
        {
            query.Add($"cursor={Uri.EscapeDataString(cursor)}");
        }

        return query.Count == 0 ? "/products" : $"/products?{string.Join('&', query)}";
    }

    public static string Order(Guid orderId) => $"/orders/{orderId}";

    /// <summary>Signs in and comes back to <paramref name="returnUrl"/> (a path of this site).</summary>
    public static string SignIn(string returnUrl) => $"/account/sign-in?returnUrl={Uri.EscapeDataString(returnUrl)}";
}
