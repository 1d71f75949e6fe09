using Commerce.Testing;

namespace Commerce.Catalog.Tests;

/// <summary>The real Catalog service in-process (<see cref="ServiceFactory{TEntryPoint}"/>), with its demo catalog seeded.</summary>
public sealed class CatalogApiFactory() : ServiceFactory<Program>("catalog");
