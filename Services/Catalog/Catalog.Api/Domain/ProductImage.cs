using System.Globalization;
using System.Security;

namespace Commerce.Catalog.Api.Domain;

/// <summary>
/// The demo catalog has no photographs, so each product gets a generated SVG tile: its initials on its category's
/// colour. Deterministic, so browsers and CDNs may cache it for as long as the name does not change.
/// </summary>
public static class ProductImage
{
    private static readonly string[] Palette =
        ["#5B4B8A", "#2E7D6B", "#B5523B", "#3467A8", "#8A6D1F", "#7A3E66", "#3F6E2A", "#A23B57", "#2F5D73", "#6B4F3A"];

    /// <summary>The size the tile is drawn at: its coordinates are always these, whatever size it is shown at.</summary>
    public const int DefaultSize = 400;

    /// <summary>The sizes a screen may ask for, in CSS pixels: from a list's thumbnail to a tablet's detail view.</summary>
    public const int MinSize = 32;
    public const int MaxSize = 1024;

    public static string UrlFor(int productId) => $"/products/{productId}/image";

    /// <param name="size">The width and height in CSS pixels; the view box stays <see cref="DefaultSize"/>, so the vector scales.</param>
    public static string Render(string productName, int categoryId, int size)
    {
        var colour = Palette[(categoryId - 1 + Palette.Length) % Palette.Length];
        var initials = string.Concat(productName
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(word => char.IsLetter(word[0]))
            .Take(2)
            .Select(word => char.ToUpper(word[0], CultureInfo.InvariantCulture)));

        return $"""
            <svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" viewBox="0 0 400 400" role="img">
              <title>{SecurityElement.Escape(productName)}</title>
              <rect width="400" height="400" rx="24" fill="{colour}"/>
              <text x="200" y="200" dy="0.35em" text-anchor="middle" font-family="system-ui, sans-serif" font-size="140" fill="#fff">{SecurityElement.Escape(initials)}</text>
            </svg>
            """;
    }
}
