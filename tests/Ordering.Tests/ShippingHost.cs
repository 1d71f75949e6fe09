extern alias shippingapi;

using Commerce.Testing;

namespace Commerce.Ordering.Tests;

/// <summary>The real Shipping service in-process, on its own fresh database: what the saga will send the order's address to.</summary>
public sealed class ShippingHost() : ServiceFactory<shippingapi::Program>("shipping");
