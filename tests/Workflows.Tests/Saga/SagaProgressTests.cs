using Commerce.Workflows.Saga;

namespace Commerce.Workflows.Tests.Saga;

public sealed class SagaProgressTests
{
    [Fact]
    public void A_new_saga_has_every_step_pending_in_order()
    {
        var progress = new SagaProgress().Snapshot();

        Assert.Equal(Enum.GetValues<SagaStep>(), progress.Steps.Select(step => step.Step));
        Assert.All(progress.Steps, step => Assert.Equal(SagaStepState.Pending, step.State));
        Assert.Equal(SagaStatus.Pending, progress.Status);
        Assert.Null(progress.CancellationReason);
    }

    [Fact]
    public void A_step_runs_then_is_done()
    {
        var progress = new SagaProgress();

        progress.Running(SagaStep.ReserveStock);
        Assert.Equal(SagaStepState.Running, progress[SagaStep.ReserveStock]);
        progress.Done(SagaStep.ReserveStock);

        Assert.Equal(SagaStepState.Done, progress[SagaStep.ReserveStock]);
    }

    [Fact]
    public void A_step_cannot_be_done_without_running_nor_run_twice()
    {
        var progress = new SagaProgress();

        Assert.Throws<InvalidOperationException>(() => progress.Done(SagaStep.CommitStock));
        progress.Running(SagaStep.CommitStock);
        Assert.Throws<InvalidOperationException>(() => progress.Running(SagaStep.CommitStock));
    }

    [Fact]
    public void Compensating_marks_done_and_failed_steps_compensated_and_leaves_pending_ones()
    {
        var progress = new SagaProgress();
        progress.Running(SagaStep.ReserveStock);
        progress.Done(SagaStep.ReserveStock);
        progress.Running(SagaStep.AuthorizePayment);
        progress.Failed(SagaStep.AuthorizePayment);

        progress.Compensating("payment declined");
        progress.Compensated(SagaStep.AuthorizePayment);
        progress.Compensated(SagaStep.ReserveStock);
        progress.Compensated(SagaStep.CreateShipment);
        progress.Cancelled();

        var snapshot = progress.Snapshot();
        Assert.Equal(SagaStatus.Cancelled, snapshot.Status);
        Assert.Equal("payment declined", snapshot.CancellationReason);
        Assert.Equal(SagaStepState.Compensated, progress[SagaStep.ReserveStock]);
        Assert.Equal(SagaStepState.Compensated, progress[SagaStep.AuthorizePayment]);
        Assert.Equal(SagaStepState.Pending, progress[SagaStep.CreateShipment]);
    }

    [Fact]
    public void The_first_cancellation_reason_stays()
    {
        var progress = new SagaProgress();

        progress.Compensating("changed my mind");
        progress.Compensating("participant unavailable");

        Assert.Equal("changed my mind", progress.Snapshot().CancellationReason);
    }

    [Fact]
    public void A_cancellation_too_late_is_recorded_and_the_order_still_confirms()
    {
        var progress = new SagaProgress();

        progress.IgnoredCancellation("too late");
        progress.Confirmed();

        var snapshot = progress.Snapshot();
        Assert.Equal(SagaStatus.Confirmed, snapshot.Status);
        Assert.Equal("too late", snapshot.IgnoredCancellationReason);
        Assert.Null(snapshot.CancellationReason);
    }

    [Fact]
    public void A_snapshot_does_not_change_as_the_saga_moves_on()
    {
        var progress = new SagaProgress();
        var before = progress.Snapshot();

        progress.Running(SagaStep.ReserveStock);

        Assert.Equal(SagaStepState.Pending, before.Steps[0].State);
    }
}
