namespace Commerce.Bench;

/// <summary>
/// How long and how much: full for figures worth quoting, quick for CI, which checks that every figure is measured
/// (the whole bench in about three minutes on two cores) and quotes none of them.
/// </summary>
internal sealed record BenchMode(
    string Name,
    TimeSpan WarmUp,
    TimeSpan RunDuration,
    int Runs,
    int OutboxMessages,
    int LatencySamples,
    int SagaOrders,
    int SagaWarmUpOrders)
{
    public static readonly BenchMode Full = new("full", TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), 3, 10_000, 200, 50, 10);

    public static readonly BenchMode Quick = new("quick", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), 3, 2_000, 50, 20, 10);

    public bool IsQuick => this == Quick;
}
