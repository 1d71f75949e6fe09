namespace Commerce.Faults.Tests;

/// <summary>
/// Every fault of the matrix runs against one system, one after another: each test's invariant check covers every
/// order placed so far, which only holds when no other fault is under way beside it.
/// </summary>
[CollectionDefinition(Name)]
public sealed class FaultMatrixCollection : ICollectionFixture<FaultMatrixSystem>
{
    public const string Name = "The fault matrix";
}
