using Google.Protobuf.WellKnownTypes;
using Temporalio.Api.Common.V1;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.Failure.V1;
using Temporalio.Api.History.V1;
using Temporalio.Api.Workflow.V1;

namespace Commerce.Testing.Temporal.State;

/// <summary>
/// An activity the workflow scheduled that has not ended. Attempts leave no trace in history until the last one ends:
/// then <c>ActivityTaskStarted</c> (with that attempt's number and the previous attempt's failure) and the outcome are
/// written together, which is what the worker expects to replay.
/// </summary>
internal sealed class PendingActivity(long scheduledEventId, ActivityTaskScheduledEventAttributes attributes, DateTimeOffset scheduledTime)
{
    public long ScheduledEventId { get; } = scheduledEventId;

    /// <summary>As written to history, with the server's defaults filled in.</summary>
    public ActivityTaskScheduledEventAttributes Attributes { get; } = attributes;

    public DateTimeOffset ScheduledTime { get; } = scheduledTime;

    public int Attempt { get; set; } = 1;

    /// <summary>When the current attempt is (or was) handed to the task queue: later than now while a retry backs off.</summary>
    public DateTimeOffset CurrentAttemptScheduledTime { get; set; } = scheduledTime;

    /// <summary>True while a worker holds the current attempt.</summary>
    public bool IsStarted { get; set; }

    /// <summary>When a worker took the current attempt; null while it waits for one.</summary>
    public DateTimeOffset? StartedTime { get; set; }

    /// <summary>The worker that took the latest attempt; kept through a retry, as a real server reports it.</summary>
    public string StartedIdentity { get; set; } = "";

    public string StartedRequestId { get; set; } = "";

    public Failure? LastFailure { get; set; }

    /// <summary>When the last failed attempt ended.</summary>
    public DateTimeOffset? LastAttemptCompleteTime { get; set; }

    public Payloads? HeartbeatDetails { get; set; }

    public DateTimeOffset? LastHeartbeatTime { get; set; }

    public long CancelRequestedEventId { get; set; }

    /// <summary>The current attempt's start-to-close timer, or the backoff timer between attempts.</summary>
    public IDisposable? AttemptTimer { get; set; }

    public IDisposable? HeartbeatTimer { get; set; }

    public IDisposable? ScheduleToCloseTimer { get; set; }

    /// <summary>The current attempt's schedule-to-start timer, while it waits for a worker.</summary>
    public IDisposable? ScheduleToStartTimer { get; set; }

    /// <summary>No attempt may start after this (schedule-to-close), if the activity has such a limit.</summary>
    public DateTimeOffset? Deadline =>
        Attributes.ScheduleToCloseTimeout is { } timeout && timeout.ToTimeSpan() > TimeSpan.Zero
            ? ScheduledTime + timeout.ToTimeSpan()
            : null;

    public void StopTimers()
    {
        AttemptTimer?.Dispose();
        HeartbeatTimer?.Dispose();
        ScheduleToCloseTimer?.Dispose();
        ScheduleToStartTimer?.Dispose();
        AttemptTimer = HeartbeatTimer = ScheduleToCloseTimer = ScheduleToStartTimer = null;
    }

    /// <summary>What DescribeWorkflowExecution shows of it, field by field as a real server fills them.</summary>
    public PendingActivityInfo Describe(DateTimeOffset now)
    {
        var info = new PendingActivityInfo
        {
            ActivityId = Attributes.ActivityId,
            ActivityType = Attributes.ActivityType,
            State = CancelRequestedEventId != 0 ? PendingActivityState.CancelRequested
                : IsStarted ? PendingActivityState.Started
                : PendingActivityState.Scheduled,
            Attempt = Attempt,
            MaximumAttempts = Attributes.RetryPolicy.MaximumAttempts,
            LastFailure = LastFailure,
            ScheduledTime = Timestamp.FromDateTimeOffset(CurrentAttemptScheduledTime),
            LastStartedTime = At(StartedTime),
            LastWorkerIdentity = StartedIdentity,
            LastAttemptCompleteTime = At(LastAttemptCompleteTime),
            ExpirationTime = At(Deadline),
            Priority = Attributes.Priority,
            ActivityOptions = new()
            {
                TaskQueue = new() { Name = Attributes.TaskQueue.Name, NormalName = Attributes.TaskQueue.Name },
                ScheduleToCloseTimeout = Attributes.ScheduleToCloseTimeout,
                ScheduleToStartTimeout = Attributes.ScheduleToStartTimeout,
                StartToCloseTimeout = Attributes.StartToCloseTimeout,
                HeartbeatTimeout = Attributes.HeartbeatTimeout,
                RetryPolicy = Attributes.RetryPolicy,
                Priority = Attributes.Priority,
            },
        };
        if (LastHeartbeatTime is { } heartbeat)
        {
            info.LastHeartbeatTime = Timestamp.FromDateTimeOffset(heartbeat);
            info.HeartbeatDetails = HeartbeatDetails;
        }
        if (!IsStarted && CurrentAttemptScheduledTime > now && LastAttemptCompleteTime is { } failedAt)
        {
            // Backing off before a retry.
            info.NextAttemptScheduleTime = Timestamp.FromDateTimeOffset(CurrentAttemptScheduledTime);
            info.CurrentRetryInterval = Duration.FromTimeSpan(CurrentAttemptScheduledTime - failedAt);
        }
        return info;
    }

    private static Timestamp? At(DateTimeOffset? time) => time is { } value ? Timestamp.FromDateTimeOffset(value) : null;
}
