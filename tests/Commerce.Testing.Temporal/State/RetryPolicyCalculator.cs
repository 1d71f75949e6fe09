using Google.Protobuf.WellKnownTypes;
using Temporalio.Api.Common.V1;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.Failure.V1;

namespace Commerce.Testing.Temporal.State;

/// <summary>The outcome of a failed attempt: try again after <see cref="Backoff"/>, or stop with <see cref="State"/>.</summary>
internal readonly record struct RetryDecision(RetryState State, TimeSpan Backoff)
{
    public bool WillRetry => State == RetryState.InProgress;
}

/// <summary>
/// Retries are the server's decision, not the worker's: the worker only reports a failure, and the server reads the
/// retry policy, the failure's non-retryable flag and type, and the deadline to decide whether another attempt runs.
/// </summary>
internal static class RetryPolicyCalculator
{
    private static readonly TimeSpan DefaultInitialInterval = TimeSpan.FromSeconds(1);
    private const double DefaultBackoffCoefficient = 2.0;
    private const int DefaultMaximumIntervalFactor = 100;
    private const string TimeoutFailureTypePrefix = "TemporalTimeout:";

    /// <summary>Fills what the caller left out with Temporal's defaults, as the real server writes them to history.</summary>
    public static RetryPolicy WithDefaults(RetryPolicy? policy)
    {
        var filled = policy?.Clone() ?? new RetryPolicy();
        if (filled.InitialInterval is null || filled.InitialInterval.ToTimeSpan() <= TimeSpan.Zero)
        {
            filled.InitialInterval = Duration.FromTimeSpan(DefaultInitialInterval);
        }
        if (filled.BackoffCoefficient < 1)
        {
            filled.BackoffCoefficient = DefaultBackoffCoefficient;
        }
        if (filled.MaximumInterval is null || filled.MaximumInterval.ToTimeSpan() <= TimeSpan.Zero)
        {
            filled.MaximumInterval = Duration.FromTimeSpan(filled.InitialInterval.ToTimeSpan() * DefaultMaximumIntervalFactor);
        }
        return filled;
    }

    /// <param name="policy">The policy, defaults already filled in.</param>
    /// <param name="failedAttempt">The attempt that just failed, from 1.</param>
    /// <param name="failure">What the worker reported (or the timeout the server observed).</param>
    /// <param name="now">Current time.</param>
    /// <param name="deadline">
    /// When no further attempt may start (an activity's schedule-to-close, a workflow's execution timeout), if there is
    /// such a limit.
    /// </param>
    public static RetryDecision Decide(
        RetryPolicy policy, int failedAttempt, Failure failure, DateTimeOffset now, DateTimeOffset? deadline)
    {
        if (IsNonRetryable(policy, failure))
        {
            return new RetryDecision(RetryState.NonRetryableFailure, TimeSpan.Zero);
        }
        if (policy.MaximumAttempts > 0 && failedAttempt >= policy.MaximumAttempts)
        {
            return new RetryDecision(RetryState.MaximumAttemptsReached, TimeSpan.Zero);
        }
        var backoff = failure.ApplicationFailureInfo?.NextRetryDelay is { } overridden
            ? Min(overridden.ToTimeSpan(), policy.MaximumInterval.ToTimeSpan())
            : Backoff(policy, failedAttempt);
        if (deadline is { } limit && now + backoff > limit)
        {
            return new RetryDecision(RetryState.Timeout, TimeSpan.Zero);
        }
        return new RetryDecision(RetryState.InProgress, backoff);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Backoff(RetryPolicy policy, int failedAttempt)
    {
        var initial = policy.InitialInterval.ToTimeSpan();
        var maximum = policy.MaximumInterval.ToTimeSpan();
        var grown = initial.TotalMilliseconds * Math.Pow(policy.BackoffCoefficient, failedAttempt - 1);
        return grown >= maximum.TotalMilliseconds ? maximum : TimeSpan.FromMilliseconds(grown);
    }

    private static bool IsNonRetryable(RetryPolicy policy, Failure failure)
    {
        if (failure.TerminatedFailureInfo is not null || failure.CanceledFailureInfo is not null)
        {
            return true;
        }
        if (failure.TimeoutFailureInfo is { } timeout)
        {
            // Only a start-to-close or heartbeat timeout leaves room for another attempt, unless the policy names it
            // (as "TemporalTimeout:StartToClose"); the other kinds mean the activity as a whole ran out of time.
            return timeout.TimeoutType is not (TimeoutType.StartToClose or TimeoutType.Heartbeat)
                || policy.NonRetryableErrorTypes.Contains(TimeoutFailureTypePrefix + timeout.TimeoutType);
        }
        if (failure.ServerFailureInfo is { } server)
        {
            return server.NonRetryable;
        }
        if (failure.ApplicationFailureInfo is not { } application)
        {
            return false;
        }
        return application.NonRetryable || policy.NonRetryableErrorTypes.Contains(application.Type);
    }
}
