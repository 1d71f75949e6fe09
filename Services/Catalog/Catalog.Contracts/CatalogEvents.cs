namespace Commerce.Catalog.Contracts;

/// <summary>A product's price changed. Orders already placed keep the price they were placed at.</summary>
public sealed record ProductPriceChanged(int ProductId, decimal OldPrice, decimal NewPrice, string Currency);
