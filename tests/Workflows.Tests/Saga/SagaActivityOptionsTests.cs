using Commerce.Workflows.Activities;
using Commerce.Workflows.Saga;

namespace Commerce.Workflows.Tests.Saga;

public sealed class SagaActivityOptionsTests
{
    public static TheoryData<string> ForwardSteps => new(
        SagaActivityOptions.Table.Where(policy => policy != SagaActivityOptions.Compensation).Select(policy => policy.Activity));

    [Theory]
    [MemberData(nameof(ForwardSteps))]
    public void A_forward_step_retries_transient_faults_for_a_bounded_time_and_never_a_refusal(string activity)
    {
        var options = SagaActivityOptions.For(SagaActivityOptions.Table.Single(policy => policy.Activity == activity));

        Assert.NotNull(options.ScheduleToCloseTimeout);
        Assert.True(options.ScheduleToCloseTimeout > options.StartToCloseTimeout);
        Assert.Equal(0, options.RetryPolicy!.MaximumAttempts);
        Assert.Equal(SagaErrorTypes.NonRetryable, options.RetryPolicy.NonRetryableErrorTypes);
        Assert.DoesNotContain(SagaErrorTypes.ParticipantUnavailable, options.RetryPolicy.NonRetryableErrorTypes!);
    }

    [Fact]
    public void Compensations_never_give_up()
    {
        var options = SagaActivityOptions.For(SagaActivityOptions.Compensation);

        Assert.Null(options.ScheduleToCloseTimeout);
        Assert.Equal(0, options.RetryPolicy!.MaximumAttempts);
        Assert.Null(options.RetryPolicy.NonRetryableErrorTypes);
        Assert.NotNull(options.RetryPolicy.MaximumInterval);
    }

    [Fact]
    public void Every_attempt_outlasts_the_activities_http_timeout_and_the_card_networks_timeout()
    {
        foreach (var policy in SagaActivityOptions.Table)
        {
            Assert.True(policy.StartToClose > SagaActivityOptions.HttpTimeout, policy.Activity);
            Assert.True(SagaActivityOptions.HttpTimeout > TimeSpan.FromSeconds(10), "Payments may spend 10 s on the card network");
        }
    }

    [Fact]
    public void Backoff_is_bounded_and_grows()
    {
        Assert.All(SagaActivityOptions.Table, policy =>
        {
            Assert.True(policy.Backoff > 1);
            Assert.True(policy.MaximumInterval >= policy.InitialInterval);
            Assert.True(policy.MaximumInterval <= TimeSpan.FromMinutes(1));
        });
    }

    [Fact]
    public void The_steps_that_reach_the_card_network_get_the_most_time()
    {
        Assert.True(SagaActivityOptions.AuthorizePayment.ScheduleToClose > SagaActivityOptions.ReserveStock.ScheduleToClose);
        Assert.Equal(SagaActivityOptions.AuthorizePayment.ScheduleToClose, SagaActivityOptions.CapturePayment.ScheduleToClose);
    }
}
