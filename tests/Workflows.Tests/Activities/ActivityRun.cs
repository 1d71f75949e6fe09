using Temporalio.Exceptions;
using Temporalio.Testing;

namespace Commerce.Workflows.Tests.Activities;

/// <summary>Runs an activity as the worker would, inside an activity context, and classifies how it ended.</summary>
public static class ActivityRun
{
    public static Task SucceedsAsync(Func<Task> activity) => new ActivityEnvironment().RunAsync(activity);

    /// <summary>A refusal: non-retryable, with the stable error type the saga branches on.</summary>
    public static async Task<ApplicationFailureException> IsRefusedAsync(string errorType, Func<Task> activity)
    {
        var failure = await Assert.ThrowsAsync<ApplicationFailureException>(() => new ActivityEnvironment().RunAsync(activity));
        Assert.Equal(errorType, failure.ErrorType);
        Assert.True(failure.NonRetryable, $"{failure.ErrorType} should be non-retryable: {failure.Message}");
        return failure;
    }

    /// <summary>A transient fault: retryable, left to Temporal's retry policy.</summary>
    public static async Task<ApplicationFailureException> IsRetryableAsync(Func<Task> activity)
    {
        var failure = await Assert.ThrowsAsync<ApplicationFailureException>(() => new ActivityEnvironment().RunAsync(activity));
        Assert.Equal(Commerce.Workflows.Activities.SagaErrorTypes.ParticipantUnavailable, failure.ErrorType);
        Assert.False(failure.NonRetryable, $"a transient fault should be retryable: {failure.Message}");
        return failure;
    }
}
