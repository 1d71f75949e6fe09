namespace Commerce.Catalog.Api.Domain;

public sealed record DemoCategory(int Id, string Slug, string Name, string Tagline);

public sealed record DemoProduct(int Id, string Sku, string Name, string Description, int CategoryId, decimal Price);

/// <summary>
/// The demo catalog: 8 categories of 30 products, the same on every machine and every start. Ids are fixed
/// (1–240) so other services can seed data that refers to them without reading this service's tables.
/// </summary>
public static class DemoCatalog
{
    public const string Currency = "USD";

    private sealed record Line(string Slug, string Name, string Tagline, string[] Qualities, (string Noun, decimal BasePrice)[] Items);

    // Five qualities × six items per category. A quality scales the item's base price.
    private static readonly decimal[] QualityMultipliers = [1.00m, 1.15m, 1.35m, 1.60m, 2.10m];

    private static readonly Line[] Lines =
    [
        new("coffee", "Coffee & Tea", "roasted and blended for a better morning",
            ["Classic", "Single-Origin", "Organic", "Reserve", "Limited"],
            [("Espresso Beans", 14.50m), ("Filter Coffee", 11.90m), ("Green Tea", 8.75m), ("Chai Blend", 9.40m), ("Cold Brew Concentrate", 12.25m), ("Drinking Chocolate", 10.60m)]),
        new("kitchen", "Kitchen", "built for cooks who use their tools every day",
            ["Everyday", "Stainless", "Cast Iron", "Professional", "Heirloom"],
            [("Chef Knife", 39.00m), ("Frying Pan", 34.50m), ("Stock Pot", 42.00m), ("Cutting Board", 19.90m), ("Pepper Mill", 24.00m), ("Dutch Oven", 69.00m)]),
        new("outdoor", "Outdoor", "tested on trails, rivers and rainy weekends",
            ["Trail", "Alpine", "Ultralight", "Expedition", "Storm"],
            [("Backpack", 59.00m), ("Tent", 149.00m), ("Sleeping Bag", 89.00m), ("Headlamp", 24.50m), ("Water Filter", 34.00m), ("Camp Stove", 49.00m)]),
        new("audio", "Audio", "tuned for music, podcasts and long calls",
            ["Studio", "Wireless", "Compact", "Noise-Cancelling", "Reference"],
            [("Headphones", 79.00m), ("Earbuds", 49.00m), ("Bookshelf Speaker", 99.00m), ("Soundbar", 129.00m), ("Turntable", 149.00m), ("Microphone", 69.00m)]),
        new("books", "Books", "chosen by readers who finish what they start",
            ["Illustrated", "Hardcover", "Collected", "Annotated", "Pocket"],
            [("Atlas of Rivers", 24.00m), ("Field Guide to Birds", 19.50m), ("Bread Baking Handbook", 22.00m), ("History of Maps", 27.50m), ("Poetry Anthology", 16.00m), ("Mountain Stories", 18.75m)]),
        new("fitness", "Fitness", "for strength, mobility and steady progress",
            ["Home", "Adjustable", "Foldable", "Pro", "Competition"],
            [("Yoga Mat", 29.00m), ("Kettlebell", 39.00m), ("Jump Rope", 12.50m), ("Resistance Bands", 18.00m), ("Foam Roller", 21.00m), ("Pull-Up Bar", 34.00m)]),
        new("office", "Office", "for desks where real work gets done",
            ["Minimal", "Ergonomic", "Walnut", "Modular", "Executive"],
            [("Desk Lamp", 44.00m), ("Notebook", 9.50m), ("Fountain Pen", 36.00m), ("Monitor Stand", 54.00m), ("Desk Organizer", 27.00m), ("Office Chair", 189.00m)]),
        new("toys", "Toys & Games", "for rainy afternoons and game nights",
            ["Wooden", "Classic", "Travel", "Deluxe", "Collector's"],
            [("Puzzle", 19.00m), ("Chess Set", 39.00m), ("Building Blocks", 29.50m), ("Card Game", 12.00m), ("Kite", 22.00m), ("Marble Run", 44.00m)]),
    ];

    public static IReadOnlyList<DemoCategory> Categories { get; } =
        Lines.Select((line, index) => new DemoCategory(index + 1, line.Slug, line.Name, line.Tagline)).ToArray();

    public static IReadOnlyList<DemoProduct> Products { get; } = BuildProducts();

    private static DemoProduct[] BuildProducts()
    {
        var products = new List<DemoProduct>();
        for (var categoryIndex = 0; categoryIndex < Lines.Length; categoryIndex++)
        {
            var line = Lines[categoryIndex];
            for (var itemIndex = 0; itemIndex < line.Items.Length; itemIndex++)
            {
                var (noun, basePrice) = line.Items[itemIndex];
                for (var qualityIndex = 0; qualityIndex < line.Qualities.Length; qualityIndex++)
                {
                    var id = products.Count + 1;
                    var quality = line.Qualities[qualityIndex];
                    products.Add(new DemoProduct(
                        id,
                        Sku: $"{line.Slug.ToUpperInvariant()}-{id:D4}",
                        Name: $"{quality} {noun}",
                        Description: $"{quality} {noun.ToLowerInvariant()}, {line.Tagline}.",
                        CategoryId: categoryIndex + 1,
                        // .x9 endings, as shops price things.
                        Price: decimal.Round(basePrice * QualityMultipliers[qualityIndex], 0) - 0.01m));
                }
            }
        }

        return [.. products];
    }
}
