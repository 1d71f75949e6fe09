using Temporalio.Api.Common.V1;
using Temporalio.Api.Failure.V1;
using Temporalio.Api.History.V1;

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

    public DateTimeOffset CurrentAttemptScheduledTime { get; set; } = scheduledTime;

    /// <summary>True while a worker holds the current attempt.</summary>
    public bool IsStarted { get; set; }

    public string StartedIdentity { get; set; } = "";

    public string StartedRequestId { get; set; } = "";

    public Failure? LastFailure { get; set; }

    public Payloads? HeartbeatDetails { get; set; }

    public long CancelRequestedEventId { get; set; }

    /// <summary>The current attempt's start-to-close timer, or the backoff timer between attempts.</summary>
    public IDisposable? AttemptTimer { get; set; }

    public IDisposable? HeartbeatTimer { get; set; }

    public IDisposable? ScheduleToCloseTimer { get; set; }

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
        AttemptTimer = HeartbeatTimer = ScheduleToCloseTimer = null;
    }
}
