using Commerce.Testing.Temporal.Visibility;
using Google.Protobuf.WellKnownTypes;
using Temporalio.Api.Common.V1;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.Failure.V1;
using Temporalio.Api.History.V1;
using Temporalio.Api.WorkflowService.V1;

namespace Commerce.Testing.Temporal.State;

/// <summary>
/// The mutable state of one workflow run: its history, its workflow task, its pending activities and timers. Every
/// method is called under the engine's lock, so the state machine itself needs no synchronisation.
/// </summary>
internal sealed partial class WorkflowRun
{
    private static readonly TimeSpan DefaultWorkflowTaskTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaximumWorkflowTaskTimeout = TimeSpan.FromSeconds(120);

    private readonly WorkflowEngine _engine;
    private readonly StartWorkflowExecutionRequest _start;
    private readonly Dictionary<long, PendingActivity> _activities = [];
    private readonly Dictionary<string, PendingTimer> _timers = [];
    private readonly List<QueryTaskItem> _heldQueries = [];
    private readonly RunOrigin _origin;

    // The run's search attributes and memo as they stand now: those it started with, changed by every upsert.
    private readonly SearchAttributes _searchAttributes;
    private readonly Memo _memo;
    private bool _cancelRequested;

    // True from a delayed start (or a backoff before a retried or continued run) until its first workflow task.
    private bool _awaitingFirstWorkflowTask;

    // Events that happened while a workflow task was in flight. The worker decided on a history without them, so they are
    // written only after its completion, where the next workflow task shows them.
    private readonly List<Action> _buffered = [];

    // Set when a command's effect is itself news for the workflow (an activity cancelled before it ran), so the
    // completion must be followed by another workflow task.
    private bool _completionWroteNewEvents;

    private WorkflowTaskState _workflowTask = WorkflowTaskState.None;
    private long _previousStartedEventId;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <param name="engine">The server the run lives in.</param>
    /// <param name="start">What started it (for a continued or retried run: the start its predecessor asked for).</param>
    /// <param name="runId">Its new run id.</param>
    /// <param name="origin">A client's start, or the run it follows and how.</param>
    public WorkflowRun(WorkflowEngine engine, StartWorkflowExecutionRequest start, string runId, RunOrigin origin)
    {
        _engine = engine;
        _start = start;
        RunId = runId;
        _origin = origin;
        _searchAttributes = start.SearchAttributes?.Clone() ?? new SearchAttributes();
        _memo = start.Memo?.Clone() ?? new Memo();
        FirstExecutionRunId = origin.Previous?.FirstExecutionRunId ?? runId;
        History = new HistoryBuilder(engine.Time);
        StartTime = engine.Time.GetUtcNow();
        ExecutionTime = StartTime + origin.FirstWorkflowTaskBackoff;
        // The execution timeout spans every run of the chain, from the first one's start.
        ExpirationTime = origin.Previous is { } previous ? previous.ExpirationTime
            : start.WorkflowExecutionTimeout?.ToTimeSpan() is { } timeout && timeout > TimeSpan.Zero ? StartTime + timeout
            : null;
        WorkflowTaskTimeout = start.WorkflowTaskTimeout?.ToTimeSpan() is { } asked && asked > TimeSpan.Zero
            ? (asked > MaximumWorkflowTaskTimeout ? MaximumWorkflowTaskTimeout : asked)
            : DefaultWorkflowTaskTimeout;
    }

    public string Namespace => _start.Namespace;

    public string WorkflowId => _start.WorkflowId;

    public string RunId { get; }

    public string StartRequestId => _start.RequestId;

    public string FirstExecutionRunId { get; }

    public WorkflowType WorkflowType => _start.WorkflowType;

    public string TaskQueue => _start.TaskQueue.Name;

    public TimeSpan WorkflowTaskTimeout { get; }

    public DateTimeOffset StartTime { get; }

    /// <summary>When its first workflow task is due: the start time plus any start delay or retry backoff.</summary>
    public DateTimeOffset ExecutionTime { get; }

    /// <summary>
    /// When the start's execution timeout runs out, counted from the chain's first run, if it set one: no retry begins
    /// after it. (Runs are not ended at their timeouts.)
    /// </summary>
    public DateTimeOffset? ExpirationTime { get; }

    /// <summary>Counts from 1; a retry by the server's retry policy raises it.</summary>
    public int Attempt => _origin.Attempt;

    public DateTimeOffset? CloseTime { get; private set; }

    public WorkflowExecutionStatus Status { get; private set; } = WorkflowExecutionStatus.Running;

    public bool IsRunning => Status == WorkflowExecutionStatus.Running;

    public HistoryBuilder History { get; }

    public WorkflowExecution Execution => new() { WorkflowId = WorkflowId, RunId = RunId };

    /// <summary>Completes when the history next changes; long polls wait on it.</summary>
    public Task Changed => _changed.Task;

    /// <summary>
    /// Writes the start event (and the signal of a signal-with-start) and schedules the first workflow task, at once or
    /// once the run's first workflow task backoff has passed.
    /// </summary>
    public void Begin(SignalWorkflowExecutionRequest? signal = null)
    {
        var backoff = _origin.FirstWorkflowTaskBackoff;
        History.Append(EventType.WorkflowExecutionStarted, e =>
        {
            // The start time a description reports, to the tick: the execution time is counted from it.
            e.EventTime = Timestamp.FromDateTimeOffset(StartTime);
            e.WorkflowExecutionStartedEventAttributes = StartedEventAttributes(backoff);
        });
        if (signal is not null)
        {
            AppendSignal(signal);
        }
        if (backoff > TimeSpan.Zero)
        {
            // As on a real server, no workflow task before the backoff has passed: the worker sees nothing of the run.
            _awaitingFirstWorkflowTask = true;
            _engine.After(backoff, ScheduleFirstWorkflowTask);
        }
        else
        {
            ScheduleWorkflowTask(attempt: 1);
        }
        NotifyChanged();
    }

    private WorkflowExecutionStartedEventAttributes StartedEventAttributes(TimeSpan backoff) => new()
    {
        WorkflowType = _start.WorkflowType,
        TaskQueue = new() { Name = TaskQueue, Kind = TaskQueueKind.Normal },
        Input = _start.Input,
        Header = _start.Header,
        Memo = _start.Memo,
        SearchAttributes = _start.SearchAttributes,
        RetryPolicy = _start.RetryPolicy,
        WorkflowExecutionTimeout = _start.WorkflowExecutionTimeout,
        WorkflowRunTimeout = _start.WorkflowRunTimeout,
        WorkflowTaskTimeout = Duration.FromTimeSpan(WorkflowTaskTimeout),
        Identity = _start.Identity,
        OriginalExecutionRunId = RunId,
        FirstExecutionRunId = FirstExecutionRunId,
        ContinuedExecutionRunId = _origin.Previous?.RunId ?? "",
        Initiator = _origin.Initiator,
        ContinuedFailure = _origin.ContinuedFailure,
        LastCompletionResult = _origin.LastCompletionResult,
        FirstWorkflowTaskBackoff = backoff > TimeSpan.Zero ? Duration.FromTimeSpan(backoff) : null,
        Attempt = _origin.Attempt,
        WorkflowId = WorkflowId,
        Priority = _start.Priority,
    };

    private void ScheduleFirstWorkflowTask()
    {
        if (!IsRunning || !_awaitingFirstWorkflowTask)
        {
            // A cancel request already started it, or it ended meanwhile.
            return;
        }
        _awaitingFirstWorkflowTask = false;
        ScheduleWorkflowTask(attempt: 1);
        NotifyChanged();
    }

    /// <summary>
    /// Records something that happened to the workflow from outside (an activity ended, a timer fired, a signal came)
    /// and makes sure a workflow task will show it. A run still waiting for its first workflow task waits on, unless
    /// <paramref name="startsAWaitingRun"/>.
    /// </summary>
    private void RecordExternal(Action appendEvents, bool startsAWaitingRun = false)
    {
        if (_workflowTask.Phase == WorkflowTaskPhase.Started)
        {
            _buffered.Add(appendEvents);
            return;
        }
        appendEvents();
        if (_workflowTask.Phase == WorkflowTaskPhase.None && (!_awaitingFirstWorkflowTask || startsAWaitingRun))
        {
            _awaitingFirstWorkflowTask = false;
            ScheduleWorkflowTask(attempt: 1);
        }
        NotifyChanged();
    }

    private void ScheduleWorkflowTask(int attempt)
    {
        var scheduled = History.Append(EventType.WorkflowTaskScheduled, e => e.WorkflowTaskScheduledEventAttributes = new()
        {
            TaskQueue = new() { Name = TaskQueue, Kind = TaskQueueKind.Normal },
            StartToCloseTimeout = Duration.FromTimeSpan(WorkflowTaskTimeout),
            Attempt = attempt,
        });
        _workflowTask = new WorkflowTaskState(WorkflowTaskPhase.Scheduled, scheduled.EventId, 0, attempt, null,
            _engine.Time.GetUtcNow());
        var item = new WorkflowTaskItem(this, scheduled.EventId, attempt);
        // A workflow task that keeps failing (a bug in the workflow, an unsupported command) would otherwise spin: from
        // the third attempt on it waits a little longer each time, up to ten seconds.
        var backoff = TimeSpan.FromSeconds(Math.Clamp(attempt - 2, 0, 10));
        if (backoff == TimeSpan.Zero)
        {
            _engine.AddWorkflowTask(this, item);
            return;
        }
        _engine.After(backoff, () =>
        {
            if (IsRunning && _workflowTask.Phase == WorkflowTaskPhase.Scheduled
                && _workflowTask.ScheduledEventId == item.ScheduledEventId)
            {
                _engine.AddWorkflowTask(this, item);
            }
        });
    }

    /// <summary>Hands the workflow task to a poller; null when the item is stale.</summary>
    public PollWorkflowTaskQueueResponse? StartWorkflowTask(WorkflowTaskItem item, PollWorkflowTaskQueueRequest poll)
    {
        if (!IsRunning || _workflowTask.Phase != WorkflowTaskPhase.Scheduled
            || _workflowTask.ScheduledEventId != item.ScheduledEventId)
        {
            return null;
        }
        var started = History.Append(EventType.WorkflowTaskStarted, e => e.WorkflowTaskStartedEventAttributes = new()
        {
            ScheduledEventId = item.ScheduledEventId,
            Identity = poll.Identity,
            RequestId = Guid.NewGuid().ToString(),
        });
        var scheduledEventId = item.ScheduledEventId;
        var attempt = item.Attempt;
        var timeout = _engine.After(WorkflowTaskTimeout, () => TimeOutWorkflowTask(scheduledEventId, attempt));
        _workflowTask = _workflowTask with
        {
            Phase = WorkflowTaskPhase.Started,
            StartedEventId = started.EventId,
            Timeout = timeout,
        };
        NotifyChanged();
        return new PollWorkflowTaskQueueResponse
        {
            TaskToken = new TaskToken(Namespace, WorkflowId, RunId, scheduledEventId, attempt).Encode(),
            WorkflowExecution = Execution,
            WorkflowType = WorkflowType,
            // The worker keeps no sticky cache here: every task carries the full history, and this tells it how far its
            // previous decisions went.
            PreviousStartedEventId = _previousStartedEventId,
            StartedEventId = started.EventId,
            Attempt = attempt,
            History = History.Snapshot(),
            WorkflowExecutionTaskQueue = new() { Name = TaskQueue, Kind = TaskQueueKind.Normal },
            ScheduledTime = Timestamp.FromDateTimeOffset(_workflowTask.ScheduledTime),
            StartedTime = started.EventTime,
        };
    }

    /// <summary>Whether a worker's answer belongs to the workflow task now in flight.</summary>
    public bool IsCurrentWorkflowTask(TaskToken token) =>
        IsRunning && _workflowTask.Phase == WorkflowTaskPhase.Started
        && _workflowTask.ScheduledEventId == token.ScheduledEventId && _workflowTask.Attempt == token.Attempt;

    public void FailWorkflowTask(RespondWorkflowTaskFailedRequest request) =>
        FailWorkflowTask(request.Cause, request.Failure, request.Identity);

    private void FailWorkflowTask(WorkflowTaskFailedCause cause, Failure? failure, string identity)
    {
        var task = _workflowTask;
        task.Timeout?.Dispose();
        History.Append(EventType.WorkflowTaskFailed, e => e.WorkflowTaskFailedEventAttributes = new()
        {
            ScheduledEventId = task.ScheduledEventId,
            StartedEventId = task.StartedEventId,
            Cause = cause,
            Failure = failure,
            Identity = identity,
        });
        _workflowTask = WorkflowTaskState.None;
        FlushBuffered();
        ScheduleWorkflowTask(task.Attempt + 1);
        NotifyChanged();
    }

    private void TimeOutWorkflowTask(long scheduledEventId, int attempt)
    {
        if (!IsRunning || _workflowTask.Phase != WorkflowTaskPhase.Started
            || _workflowTask.ScheduledEventId != scheduledEventId || _workflowTask.Attempt != attempt)
        {
            return;
        }
        var task = _workflowTask;
        History.Append(EventType.WorkflowTaskTimedOut, e => e.WorkflowTaskTimedOutEventAttributes = new()
        {
            ScheduledEventId = task.ScheduledEventId,
            StartedEventId = task.StartedEventId,
            TimeoutType = TimeoutType.StartToClose,
        });
        _workflowTask = WorkflowTaskState.None;
        FlushBuffered();
        ScheduleWorkflowTask(task.Attempt + 1);
        NotifyChanged();
    }

    private bool FlushBuffered()
    {
        if (_buffered.Count == 0)
        {
            return false;
        }
        foreach (var appendEvents in _buffered)
        {
            appendEvents();
        }
        _buffered.Clear();
        return true;
    }

    public void Signal(SignalWorkflowExecutionRequest request) => RecordExternal(() => AppendSignal(request));

    private void AppendSignal(SignalWorkflowExecutionRequest request) =>
        History.Append(EventType.WorkflowExecutionSignaled, e => e.WorkflowExecutionSignaledEventAttributes = new()
        {
            SignalName = request.SignalName,
            Input = request.Input,
            Identity = request.Identity,
            Header = request.Header,
        });

    /// <summary>Asks the workflow to cancel itself; it decides how (a workflow may clean up, or ignore it).</summary>
    public void RequestCancel(RequestCancelWorkflowExecutionRequest request)
    {
        if (_cancelRequested)
        {
            // Asking twice changes nothing, as on a real server.
            return;
        }
        _cancelRequested = true;
        // A real server schedules a workflow task for a cancel request even while a delayed start waits (a signal
        // waits with it), so the workflow can act on the cancellation at once.
        RecordExternal(() => History.Append(EventType.WorkflowExecutionCancelRequested,
            e => e.WorkflowExecutionCancelRequestedEventAttributes = new()
            {
                Cause = request.Reason,
                Identity = request.Identity,
            }), startsAWaitingRun: true);
    }

    /// <summary>
    /// Queues a query. While a workflow task is scheduled or in flight (or the first one is not due yet) the query waits
    /// for it to end, so the answer reflects every event the server has accepted.
    /// </summary>
    public void Query(QueryTaskItem query)
    {
        if (HoldsQueries)
        {
            _heldQueries.Add(query);
            return;
        }
        _engine.AddWorkflowTask(this, query);
    }

    public PollWorkflowTaskQueueResponse StartQueryTask(QueryTaskItem query) => new()
    {
        TaskToken = new TaskToken(Namespace, WorkflowId, RunId, 0, 0) { QueryId = query.QueryId }.Encode(),
        WorkflowExecution = Execution,
        WorkflowType = WorkflowType,
        Query = query.Query,
        History = History.Snapshot(),
        PreviousStartedEventId = _previousStartedEventId,
        StartedEventId = _previousStartedEventId,
        WorkflowExecutionTaskQueue = new() { Name = TaskQueue, Kind = TaskQueueKind.Normal },
    };

    private bool HoldsQueries =>
        IsRunning && (_workflowTask.Phase != WorkflowTaskPhase.None || _awaitingFirstWorkflowTask);

    private void ReleaseHeldQueries()
    {
        if (_heldQueries.Count == 0 || HoldsQueries)
        {
            return;
        }
        foreach (var query in _heldQueries)
        {
            _engine.AddWorkflowTask(this, query);
        }
        _heldQueries.Clear();
    }

    public DescribeWorkflowExecutionResponse Describe()
    {
        var now = _engine.Time.GetUtcNow();
        var described = new DescribeWorkflowExecutionResponse
        {
            ExecutionConfig = new()
            {
                TaskQueue = new() { Name = TaskQueue, Kind = TaskQueueKind.Normal },
                WorkflowExecutionTimeout = _start.WorkflowExecutionTimeout,
                WorkflowRunTimeout = _start.WorkflowRunTimeout,
                DefaultWorkflowTaskTimeout = Duration.FromTimeSpan(WorkflowTaskTimeout),
            },
            WorkflowExecutionInfo = new()
            {
                Execution = Execution,
                Type = WorkflowType,
                StartTime = Timestamp.FromDateTimeOffset(StartTime),
                ExecutionTime = Timestamp.FromDateTimeOffset(ExecutionTime),
                CloseTime = CloseTime is { } closed ? Timestamp.FromDateTimeOffset(closed) : null,
                ExecutionDuration = CloseTime is { } end
                    ? Duration.FromTimeSpan(end > ExecutionTime ? end - ExecutionTime : TimeSpan.Zero)
                    : null,
                Status = Status,
                HistoryLength = History.LastEventId,
                HistorySizeBytes = History.SizeBytes,
                TaskQueue = TaskQueue,
                Memo = _memo.Clone(),
                SearchAttributes = _searchAttributes.Clone(),
                FirstRunId = FirstExecutionRunId,
                Priority = _start.Priority,
            },
        };
        described.PendingActivities.Add(_activities.Values.OrderBy(a => a.ScheduledEventId).Select(a => a.Describe(now)));
        return described;
    }

    /// <summary>What visibility queries see of this run.</summary>
    public VisibilityRecord ToVisibilityRecord() => new(
        WorkflowId,
        WorkflowType.Name,
        Status,
        StartTime,
        _searchAttributes.IndexedFields.ToDictionary(f => f.Key, f => SearchAttributeSchema.KeywordValues(f.Value)));

    /// <summary>Ends the run at once, whatever it is doing; its workers' later answers are refused.</summary>
    public void Terminate(string reason, Payloads? details, string identity)
    {
        History.Append(EventType.WorkflowExecutionTerminated, e => e.WorkflowExecutionTerminatedEventAttributes = new()
        {
            Reason = reason,
            Details = details,
            Identity = identity,
        });
        Close(WorkflowExecutionStatus.Terminated);
    }

    private void Close(WorkflowExecutionStatus status)
    {
        Status = status;
        CloseTime = _engine.Time.GetUtcNow();
        _workflowTask.Timeout?.Dispose();
        _workflowTask = WorkflowTaskState.None;
        foreach (var activity in _activities.Values)
        {
            activity.StopTimers();
        }
        _activities.Clear();
        foreach (var timer in _timers.Values)
        {
            timer.Timer.Dispose();
        }
        _timers.Clear();
        _buffered.Clear();
        // Queries held for a workflow task that will now never come are answered from the closed history.
        ReleaseHeldQueries();
        NotifyChanged();
    }

    private void NotifyChanged()
    {
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
    }

    private enum WorkflowTaskPhase
    {
        None,
        Scheduled,
        Started,
    }

    private sealed record WorkflowTaskState(
        WorkflowTaskPhase Phase,
        long ScheduledEventId,
        long StartedEventId,
        int Attempt,
        IDisposable? Timeout,
        DateTimeOffset ScheduledTime)
    {
        public static readonly WorkflowTaskState None = new(WorkflowTaskPhase.None, 0, 0, 0, null, default);
    }

    private sealed record PendingTimer(long StartedEventId, IDisposable Timer);
}
