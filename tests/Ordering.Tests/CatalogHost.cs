extern alias catalogapi;

using Commerce.Testing;

namespace Commerce.Ordering.Tests;

/// <summary>The real Catalog service in-process, with its demo catalog (products 1–240) on its own fresh database.</summary>
public sealed class CatalogHost() : ServiceFactory<catalogapi::Program>("catalog");
