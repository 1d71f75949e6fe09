using Google.Protobuf.WellKnownTypes;
using Temporalio.Api.Command.V1;
using Temporalio.Api.Common.V1;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.Failure.V1;
using Temporalio.Api.WorkflowService.V1;

namespace Commerce.Testing.Temporal.State;

// Activities: scheduling, attempts handed to workers, their outcomes, server-side retries and timeouts.
internal sealed partial class WorkflowRun
{
    private void ScheduleActivity(ScheduleActivityTaskCommandAttributes command, long completedEventId)
    {
        var scheduleToClose = HasDuration(command.ScheduleToCloseTimeout) ? command.ScheduleToCloseTimeout : null;
        // The server fills the timeouts the workflow left out from the ones it gave, as the real one does.
        var startToClose = HasDuration(command.StartToCloseTimeout) ? command.StartToCloseTimeout : scheduleToClose;
        var scheduled = History.Append(EventType.ActivityTaskScheduled, e => e.ActivityTaskScheduledEventAttributes = new()
        {
            ActivityId = command.ActivityId,
            ActivityType = command.ActivityType,
            TaskQueue = string.IsNullOrEmpty(command.TaskQueue?.Name)
                ? new() { Name = TaskQueue, Kind = TaskQueueKind.Normal }
                : command.TaskQueue,
            Header = command.Header,
            Input = command.Input,
            ScheduleToCloseTimeout = scheduleToClose,
            ScheduleToStartTimeout = command.ScheduleToStartTimeout,
            StartToCloseTimeout = startToClose,
            HeartbeatTimeout = command.HeartbeatTimeout,
            WorkflowTaskCompletedEventId = completedEventId,
            RetryPolicy = RetryPolicyCalculator.WithDefaults(command.RetryPolicy),
            Priority = command.Priority,
        });
        var activity = new PendingActivity(scheduled.EventId, scheduled.ActivityTaskScheduledEventAttributes,
            _engine.Time.GetUtcNow());
        _activities[activity.ScheduledEventId] = activity;
        if (activity.Deadline is { } deadline)
        {
            activity.ScheduleToCloseTimer = _engine.After(deadline - activity.ScheduledTime,
                () => TimeOutActivity(activity.ScheduledEventId, activity.Attempt, TimeoutType.ScheduleToClose));
        }
        OfferActivityAttempt(activity);
    }

    private void OfferActivityAttempt(PendingActivity activity)
    {
        if (HasDuration(activity.Attributes.ScheduleToStartTimeout))
        {
            // Each attempt has its own schedule-to-start limit, counted from when it is offered.
            var attempt = activity.Attempt;
            activity.ScheduleToStartTimer = _engine.After(activity.Attributes.ScheduleToStartTimeout.ToTimeSpan(),
                () => TimeOutActivity(activity.ScheduledEventId, attempt, TimeoutType.ScheduleToStart));
        }
        _engine.AddActivityTask(Namespace, activity.Attributes.TaskQueue.Name,
            new ActivityTaskItem(this, activity.ScheduledEventId, activity.Attempt));
    }

    /// <summary>Hands an activity attempt to a poller; null when the item is stale.</summary>
    public PollActivityTaskQueueResponse? StartActivityTask(ActivityTaskItem item, PollActivityTaskQueueRequest poll)
    {
        if (!IsRunning || !_activities.TryGetValue(item.ScheduledEventId, out var activity)
            || activity.Attempt != item.Attempt || activity.IsStarted)
        {
            return null;
        }
        var now = _engine.Time.GetUtcNow();
        activity.ScheduleToStartTimer?.Dispose();
        activity.ScheduleToStartTimer = null;
        activity.IsStarted = true;
        activity.StartedTime = now;
        activity.StartedIdentity = poll.Identity;
        activity.StartedRequestId = Guid.NewGuid().ToString();
        var attributes = activity.Attributes;
        var attempt = activity.Attempt;
        if (HasDuration(attributes.StartToCloseTimeout))
        {
            activity.AttemptTimer = _engine.After(attributes.StartToCloseTimeout.ToTimeSpan(),
                () => TimeOutActivity(activity.ScheduledEventId, attempt, TimeoutType.StartToClose));
        }
        RestartHeartbeatTimer(activity);
        return new PollActivityTaskQueueResponse
        {
            TaskToken = new TaskToken(Namespace, WorkflowId, RunId, activity.ScheduledEventId, attempt).Encode(),
            WorkflowNamespace = Namespace,
            WorkflowType = WorkflowType,
            WorkflowExecution = Execution,
            ActivityType = attributes.ActivityType,
            ActivityId = attributes.ActivityId,
            Header = attributes.Header,
            Input = attributes.Input,
            HeartbeatDetails = activity.HeartbeatDetails,
            ScheduledTime = Timestamp.FromDateTimeOffset(activity.ScheduledTime),
            CurrentAttemptScheduledTime = Timestamp.FromDateTimeOffset(activity.CurrentAttemptScheduledTime),
            StartedTime = Timestamp.FromDateTimeOffset(now),
            Attempt = attempt,
            ScheduleToCloseTimeout = attributes.ScheduleToCloseTimeout,
            StartToCloseTimeout = attributes.StartToCloseTimeout,
            HeartbeatTimeout = attributes.HeartbeatTimeout,
            RetryPolicy = attributes.RetryPolicy,
            Priority = attributes.Priority,
        };
    }

    /// <summary>The activity attempt a worker's answer belongs to; null when that attempt is no longer running.</summary>
    public PendingActivity? CurrentActivityAttempt(TaskToken token) =>
        IsRunning && _activities.TryGetValue(token.ScheduledEventId, out var activity)
            && activity.Attempt == token.Attempt && activity.IsStarted
            ? activity
            : null;

    public void CompleteActivity(PendingActivity activity, Payloads? result, string identity) =>
        EndActivity(activity, (startedEventId, e) =>
        {
            e.EventType = EventType.ActivityTaskCompleted;
            e.ActivityTaskCompletedEventAttributes = new()
            {
                Result = result,
                ScheduledEventId = activity.ScheduledEventId,
                StartedEventId = startedEventId,
                Identity = identity,
            };
        });

    public void FailActivity(PendingActivity activity, Failure failure, string identity, Payloads? lastHeartbeatDetails)
    {
        if (lastHeartbeatDetails is not null)
        {
            RecordHeartbeat(activity, lastHeartbeatDetails);
        }
        if (Retried(activity, failure, out var decision))
        {
            return;
        }
        EndActivity(activity, (startedEventId, e) =>
        {
            e.EventType = EventType.ActivityTaskFailed;
            e.ActivityTaskFailedEventAttributes = new()
            {
                Failure = failure,
                ScheduledEventId = activity.ScheduledEventId,
                StartedEventId = startedEventId,
                Identity = identity,
                RetryState = decision.State,
            };
        });
    }

    /// <summary>Schedules the next attempt when the retry policy allows one; otherwise says how the activity ends.</summary>
    private bool Retried(PendingActivity activity, Failure failure, out RetryDecision decision)
    {
        decision = RetryPolicyCalculator.Decide(activity.Attributes.RetryPolicy, activity.Attempt, failure,
            _engine.Time.GetUtcNow(), activity.Deadline);
        if (!decision.WillRetry)
        {
            return false;
        }
        RetryActivity(activity, failure, decision.Backoff);
        return true;
    }

    public void CancelActivity(PendingActivity activity, Payloads? details, string identity) =>
        EndActivity(activity, (startedEventId, e) =>
        {
            e.EventType = EventType.ActivityTaskCanceled;
            e.ActivityTaskCanceledEventAttributes = new()
            {
                Details = details,
                LatestCancelRequestedEventId = activity.CancelRequestedEventId,
                ScheduledEventId = activity.ScheduledEventId,
                StartedEventId = startedEventId,
                Identity = identity,
            };
        });

    /// <summary>Keeps the attempt alive; true when the workflow asked for the activity to be cancelled.</summary>
    public bool Heartbeat(PendingActivity activity, Payloads? details)
    {
        RecordHeartbeat(activity, details);
        RestartHeartbeatTimer(activity);
        return activity.CancelRequestedEventId != 0;
    }

    private void RecordHeartbeat(PendingActivity activity, Payloads? details)
    {
        activity.HeartbeatDetails = details;
        activity.LastHeartbeatTime = _engine.Time.GetUtcNow();
    }

    private void RestartHeartbeatTimer(PendingActivity activity)
    {
        activity.HeartbeatTimer?.Dispose();
        activity.HeartbeatTimer = null;
        if (HasDuration(activity.Attributes.HeartbeatTimeout))
        {
            var attempt = activity.Attempt;
            activity.HeartbeatTimer = _engine.After(activity.Attributes.HeartbeatTimeout.ToTimeSpan(),
                () => TimeOutActivity(activity.ScheduledEventId, attempt, TimeoutType.Heartbeat));
        }
    }

    private void RequestCancelActivity(long scheduledEventId, long completedEventId)
    {
        var requested = History.Append(EventType.ActivityTaskCancelRequested, e => e.ActivityTaskCancelRequestedEventAttributes = new()
        {
            ScheduledEventId = scheduledEventId,
            WorkflowTaskCompletedEventId = completedEventId,
        });
        if (!_activities.TryGetValue(scheduledEventId, out var activity))
        {
            // Its outcome is buffered behind this task; the workflow will see that instead.
            return;
        }
        activity.CancelRequestedEventId = requested.EventId;
        if (activity.IsStarted)
        {
            // A running attempt learns of it from its next heartbeat and answers with RespondActivityTaskCanceled.
            return;
        }
        // Not running (waiting for a worker or for its retry): nothing to stop, so it is cancelled at once.
        activity.StopTimers();
        _activities.Remove(scheduledEventId);
        History.Append(EventType.ActivityTaskCanceled, e => e.ActivityTaskCanceledEventAttributes = new()
        {
            LatestCancelRequestedEventId = requested.EventId,
            ScheduledEventId = scheduledEventId,
        });
        _completionWroteNewEvents = true;
    }

    private void RetryActivity(PendingActivity activity, Failure failure, TimeSpan backoff)
    {
        activity.AttemptTimer?.Dispose();
        activity.HeartbeatTimer?.Dispose();
        activity.HeartbeatTimer = null;
        var now = _engine.Time.GetUtcNow();
        activity.IsStarted = false;
        activity.StartedTime = null;
        activity.LastFailure = failure;
        activity.LastAttemptCompleteTime = now;
        activity.Attempt++;
        activity.CurrentAttemptScheduledTime = now + backoff;
        // No event: a retry is invisible in history until the activity finally ends.
        activity.AttemptTimer = _engine.After(backoff, () =>
        {
            if (IsRunning && _activities.ContainsKey(activity.ScheduledEventId))
            {
                OfferActivityAttempt(activity);
            }
        });
    }

    private void TimeOutActivity(long scheduledEventId, int attempt, TimeoutType type)
    {
        if (!IsRunning || !_activities.TryGetValue(scheduledEventId, out var activity) || !TimesOut(activity, attempt, type))
        {
            return;
        }
        var failure = new Failure
        {
            Message = $"activity {type} timeout",
            Cause = activity.LastFailure,
            TimeoutFailureInfo = new() { TimeoutType = type, LastHeartbeatDetails = activity.HeartbeatDetails },
        };
        RetryDecision decision;
        if (type is TimeoutType.ScheduleToStart or TimeoutType.ScheduleToClose)
        {
            // Deadlines of the activity as a whole, never retried: a real server ends it with retry state Timeout
            // (temporal service/history/workflow/mutable_state_impl.go, RetryActivity).
            decision = new RetryDecision(RetryState.Timeout, TimeSpan.Zero);
        }
        else if (Retried(activity, failure, out decision))
        {
            return;
        }
        else if (decision.State == RetryState.Timeout)
        {
            // An attempt timed out with no time left for another: a real server reports the activity's own deadline.
            failure.TimeoutFailureInfo.TimeoutType = TimeoutType.ScheduleToClose;
        }
        EndActivity(activity, (startedEventId, e) =>
        {
            e.EventType = EventType.ActivityTaskTimedOut;
            e.ActivityTaskTimedOutEventAttributes = new()
            {
                Failure = failure,
                ScheduledEventId = activity.ScheduledEventId,
                StartedEventId = startedEventId,
                RetryState = decision.State,
            };
        });
    }

    /// <summary>Whether a timer set for <paramref name="attempt"/> still applies to where the activity is now.</summary>
    private static bool TimesOut(PendingActivity activity, int attempt, TimeoutType type) => type switch
    {
        TimeoutType.ScheduleToClose => true,
        TimeoutType.ScheduleToStart => activity.Attempt == attempt && !activity.IsStarted,
        _ => activity.Attempt == attempt && activity.IsStarted,
    };

    /// <summary>
    /// Writes the end of an activity: the started event of its last attempt (if that attempt ran), then the outcome that
    /// <paramref name="describeOutcome"/> fills in, given the started event's id.
    /// </summary>
    private void EndActivity(PendingActivity activity, Action<long, Temporalio.Api.History.V1.HistoryEvent> describeOutcome)
    {
        activity.StopTimers();
        _activities.Remove(activity.ScheduledEventId);
        var endedAt = Timestamp.FromDateTimeOffset(_engine.Time.GetUtcNow());
        var ran = activity.IsStarted;
        RecordExternal(() =>
        {
            long startedEventId = 0;
            if (ran)
            {
                startedEventId = History.Append(EventType.ActivityTaskStarted, e =>
                {
                    e.EventTime = endedAt;
                    e.ActivityTaskStartedEventAttributes = new()
                    {
                        ScheduledEventId = activity.ScheduledEventId,
                        Identity = activity.StartedIdentity,
                        RequestId = activity.StartedRequestId,
                        Attempt = activity.Attempt,
                        LastFailure = activity.LastFailure,
                    };
                }).EventId;
            }
            History.Append(EventType.Unspecified, e =>
            {
                e.EventTime = endedAt;
                describeOutcome(startedEventId, e);
            });
        });
    }
}
