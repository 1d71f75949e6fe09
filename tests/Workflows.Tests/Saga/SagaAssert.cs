using Commerce.Workflows.Saga;

namespace Commerce.Workflows.Tests.Saga;

public static class SagaAssert
{
    /// <summary>Records compare their step lists by reference: compare the steps one by one, then the rest.</summary>
    public static void SameProgress(OrderSagaProgress expected, OrderSagaProgress actual)
    {
        Assert.Equal(expected.Steps, actual.Steps);
        Assert.Equal(expected with { Steps = [] }, actual with { Steps = [] });
    }

    public static SagaStepState State(OrderSagaProgress progress, SagaStep step) => progress.Steps.Single(s => s.Step == step).State;

    /// <summary>The saga is at <paramref name="running"/>: every step before it done, every step after it pending.</summary>
    public static void RunningAt(SagaStep running, OrderSagaProgress progress) =>
        Assert.Equal(
            Enum.GetValues<SagaStep>().Select(step => new SagaStepProgress(
                step, step < running ? SagaStepState.Done : step == running ? SagaStepState.Running : SagaStepState.Pending)),
            progress.Steps);
}
