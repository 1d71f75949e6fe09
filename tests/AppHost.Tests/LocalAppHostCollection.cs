namespace Commerce.AppHost.Tests;

/// <summary>
/// The test classes that use the running system share one AppHost (starting one takes minutes on this machine); in
/// one collection they also run one after another, so none of them slows the saga of another down.
/// </summary>
[CollectionDefinition(Name)]
public sealed class LocalAppHostCollection : ICollectionFixture<LocalAppHost>
{
    public const string Name = "The running system";
}
