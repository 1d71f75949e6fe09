using Commerce.Testing.Temporal.Visibility;
using Google.Protobuf.WellKnownTypes;
using Temporalio.Api.Command.V1;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.Failure.V1;
using Temporalio.Api.History.V1;
using Temporalio.Api.WorkflowService.V1;

namespace Commerce.Testing.Temporal.State;

// The worker's answer to a workflow task: its commands become history events, each naming the completion it came from.
internal sealed partial class WorkflowRun
{
    public void CompleteWorkflowTask(RespondWorkflowTaskCompletedRequest request)
    {
        if (Reject(request) is { } refusal)
        {
            FailWorkflowTask(refusal.Cause, new Failure { Message = refusal.Message, Source = "Commerce.Testing.Temporal" },
                request.Identity);
            return;
        }

        var task = _workflowTask;
        task.Timeout?.Dispose();
        var completed = History.Append(EventType.WorkflowTaskCompleted, e => e.WorkflowTaskCompletedEventAttributes = new()
        {
            ScheduledEventId = task.ScheduledEventId,
            StartedEventId = task.StartedEventId,
            Identity = request.Identity,
            // The worker reads its own SDK flags back from here on replay.
            SdkMetadata = request.SdkMetadata,
            MeteringMetadata = request.MeteringMetadata,
        });
        _workflowTask = WorkflowTaskState.None;
        _previousStartedEventId = task.StartedEventId;
        _completionWroteNewEvents = false;

        foreach (var command in request.Commands)
        {
            Apply(command, completed.EventId, request.Identity);
        }

        if (IsRunning)
        {
            var sawNewEvents = FlushBuffered();
            if (sawNewEvents || _completionWroteNewEvents || request.ForceCreateNewWorkflowTask)
            {
                ScheduleWorkflowTask(attempt: 1);
            }
        }
        ReleaseHeldQueries();
        NotifyChanged();
    }

    private sealed record Refusal(WorkflowTaskFailedCause Cause, string Message);

    /// <summary>
    /// Commands the server will not carry out fail the whole workflow task with the reason in history, so nothing a
    /// workflow asked for is ever dropped without a trace.
    /// </summary>
    private Refusal? Reject(RespondWorkflowTaskCompletedRequest request)
    {
        for (var index = 0; index < request.Commands.Count; index++)
        {
            var command = request.Commands[index];
            if (!IsSupported(command.CommandType))
            {
                // The cause a real server gives a command for a feature it has switched off (Nexus, when disabled):
                // UnhandledCommand would tell the worker that new events arrived, which is not what happened.
                return new Refusal(WorkflowTaskFailedCause.FeatureDisabled,
                    $"Command {command.CommandType} is not supported by Commerce.Testing.Temporal (issue 6).");
            }
            if (IsClosing(command.CommandType))
            {
                if (index != request.Commands.Count - 1)
                {
                    return new Refusal(WorkflowTaskFailedCause.UnhandledCommand,
                        $"Command {command.CommandType} must be the last command of a workflow task.");
                }
                if (_buffered.Count > 0)
                {
                    // The workflow decided to close without seeing what arrived meanwhile; it must see it first.
                    return new Refusal(WorkflowTaskFailedCause.UnhandledCommand,
                        "New events arrived while the workflow task was in flight; the workflow must handle them before closing.");
                }
            }
            if (command.CommandType == CommandType.UpsertWorkflowSearchAttributes
                && SearchAttributeSchema.FirstUndefined(command.UpsertWorkflowSearchAttributesCommandAttributes.SearchAttributes,
                    _engine.Namespaces.Get(Namespace).SearchAttributes) is { } undefined)
            {
                // As the real server does: the workflow task fails, and the workflow retries it until the attribute exists.
                return new Refusal(WorkflowTaskFailedCause.BadSearchAttributes,
                    SearchAttributeSchema.NotDefinedMessage(undefined, Namespace));
            }
            if (command.CommandType == CommandType.ScheduleActivityTask
                && command.ScheduleActivityTaskCommandAttributes is { } activity
                && !HasDuration(activity.ScheduleToCloseTimeout) && !HasDuration(activity.StartToCloseTimeout))
            {
                return new Refusal(WorkflowTaskFailedCause.BadScheduleActivityAttributes,
                    $"Activity {activity.ActivityId} needs a schedule-to-close or a start-to-close timeout.");
            }
        }
        return null;
    }

    private static bool IsSupported(CommandType type) => type is CommandType.ScheduleActivityTask
        or CommandType.RequestCancelActivityTask or CommandType.StartTimer or CommandType.CancelTimer
        or CommandType.RecordMarker or CommandType.UpsertWorkflowSearchAttributes
        or CommandType.ModifyWorkflowProperties or CommandType.CompleteWorkflowExecution
        or CommandType.FailWorkflowExecution or CommandType.CancelWorkflowExecution
        or CommandType.ContinueAsNewWorkflowExecution;

    private static bool IsClosing(CommandType type) => type is CommandType.CompleteWorkflowExecution
        or CommandType.FailWorkflowExecution or CommandType.CancelWorkflowExecution
        or CommandType.ContinueAsNewWorkflowExecution;

    private static bool HasDuration(Duration? duration) => duration is not null && duration.ToTimeSpan() > TimeSpan.Zero;

    private void Apply(Command command, long completedEventId, string identity)
    {
        switch (command.CommandType)
        {
            case CommandType.ScheduleActivityTask:
                ScheduleActivity(command.ScheduleActivityTaskCommandAttributes, completedEventId);
                break;
            case CommandType.RequestCancelActivityTask:
                RequestCancelActivity(command.RequestCancelActivityTaskCommandAttributes.ScheduledEventId, completedEventId);
                break;
            case CommandType.StartTimer:
                StartTimer(command.StartTimerCommandAttributes, completedEventId);
                break;
            case CommandType.CancelTimer:
                CancelTimer(command.CancelTimerCommandAttributes.TimerId, completedEventId, identity);
                break;
            case CommandType.RecordMarker:
                var marker = command.RecordMarkerCommandAttributes;
                History.Append(EventType.MarkerRecorded, e => e.MarkerRecordedEventAttributes = new()
                {
                    MarkerName = marker.MarkerName,
                    Details = { marker.Details },
                    Header = marker.Header,
                    Failure = marker.Failure,
                    WorkflowTaskCompletedEventId = completedEventId,
                });
                break;
            case CommandType.UpsertWorkflowSearchAttributes:
                var upsert = command.UpsertWorkflowSearchAttributesCommandAttributes;
                PayloadMaps.Upsert(_searchAttributes.IndexedFields, upsert.SearchAttributes?.IndexedFields ?? []);
                History.Append(EventType.UpsertWorkflowSearchAttributes, e => e.UpsertWorkflowSearchAttributesEventAttributes = new()
                {
                    SearchAttributes = upsert.SearchAttributes,
                    WorkflowTaskCompletedEventId = completedEventId,
                });
                break;
            case CommandType.ModifyWorkflowProperties:
                var upsertedMemo = command.ModifyWorkflowPropertiesCommandAttributes.UpsertedMemo;
                PayloadMaps.Upsert(_memo.Fields, upsertedMemo?.Fields ?? []);
                History.Append(EventType.WorkflowPropertiesModified, e => e.WorkflowPropertiesModifiedEventAttributes = new()
                {
                    UpsertedMemo = upsertedMemo,
                    WorkflowTaskCompletedEventId = completedEventId,
                });
                break;
            case CommandType.CompleteWorkflowExecution:
                History.Append(EventType.WorkflowExecutionCompleted, e => e.WorkflowExecutionCompletedEventAttributes = new()
                {
                    Result = command.CompleteWorkflowExecutionCommandAttributes.Result,
                    WorkflowTaskCompletedEventId = completedEventId,
                });
                Close(WorkflowExecutionStatus.Completed);
                break;
            case CommandType.FailWorkflowExecution:
                FailWorkflow(command.FailWorkflowExecutionCommandAttributes.Failure, completedEventId);
                break;
            case CommandType.CancelWorkflowExecution:
                History.Append(EventType.WorkflowExecutionCanceled, e => e.WorkflowExecutionCanceledEventAttributes = new()
                {
                    Details = command.CancelWorkflowExecutionCommandAttributes.Details,
                    WorkflowTaskCompletedEventId = completedEventId,
                });
                Close(WorkflowExecutionStatus.Canceled);
                break;
            case CommandType.ContinueAsNewWorkflowExecution:
                ContinueAsNew(command.ContinueAsNewWorkflowExecutionCommandAttributes, completedEventId);
                break;
            default:
                throw new InvalidOperationException($"Command {command.CommandType} passed validation but has no handler.");
        }
    }

    private void StartTimer(StartTimerCommandAttributes attributes, long completedEventId)
    {
        var started = History.Append(EventType.TimerStarted, e => e.TimerStartedEventAttributes = new()
        {
            TimerId = attributes.TimerId,
            StartToFireTimeout = attributes.StartToFireTimeout,
            WorkflowTaskCompletedEventId = completedEventId,
        });
        var timerId = attributes.TimerId;
        var startedEventId = started.EventId;
        var timer = _engine.After(attributes.StartToFireTimeout.ToTimeSpan(), () => FireTimer(timerId, startedEventId));
        _timers[timerId] = new PendingTimer(startedEventId, timer);
    }

    private void FireTimer(string timerId, long startedEventId)
    {
        if (!IsRunning || !_timers.TryGetValue(timerId, out var timer) || timer.StartedEventId != startedEventId)
        {
            return;
        }
        _timers.Remove(timerId);
        var firedAt = _engine.Time.GetUtcNow();
        RecordExternal(() => History.Append(EventType.TimerFired, e =>
        {
            e.EventTime = Timestamp.FromDateTimeOffset(firedAt);
            e.TimerFiredEventAttributes = new() { TimerId = timerId, StartedEventId = startedEventId };
        }));
    }

    private void CancelTimer(string timerId, long completedEventId, string identity)
    {
        if (!_timers.Remove(timerId, out var timer))
        {
            // The timer fired while this task was in flight: its firing is buffered and the cancel has nothing to do.
            return;
        }
        timer.Timer.Dispose();
        History.Append(EventType.TimerCanceled, e => e.TimerCanceledEventAttributes = new()
        {
            TimerId = timerId,
            StartedEventId = timer.StartedEventId,
            WorkflowTaskCompletedEventId = completedEventId,
            Identity = identity,
        });
    }
}
