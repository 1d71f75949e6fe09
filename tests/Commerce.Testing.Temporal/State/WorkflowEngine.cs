using System.Collections.Concurrent;
using System.Text;
using Commerce.Testing.Temporal.Matching;
using Commerce.Testing.Temporal.Rpc;
using Commerce.Testing.Temporal.Visibility;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.History.V1;
using Temporalio.Api.OperatorService.V1;
using Temporalio.Api.WorkflowService.V1;

namespace Commerce.Testing.Temporal.State;

/// <summary>
/// The server's state and its rules, behind the gRPC surface: namespaces, runs, task queues and timers. One lock guards
/// all state: calls are short, and a single lock makes every transition atomic without lock-ordering puzzles. Waiting
/// (long polls, queries) happens outside it.
/// </summary>
internal sealed class WorkflowEngine(TemporalTestServerOptions options, ILogger<WorkflowEngine> logger) : IDisposable
{
    private readonly ILogger _logger = logger;
    private readonly Lock _gate = new();
    private readonly TaskQueues<WorkflowQueueItem> _workflowQueues = new();
    private readonly TaskQueues<ActivityTaskItem> _activityQueues = new();
    private readonly PollerRegistry _pollers = new(options.TimeProvider);
    private readonly ConcurrentDictionary<string, QueryTaskItem> _queriesInFlight = new();
    private readonly ConcurrentDictionary<ITimer, byte> _timers = new();
    private bool _disposed;

    public TimeProvider Time { get; } = options.TimeProvider;

    public NamespaceStore Namespaces { get; } = new(options.Namespaces, options.SearchAttributes);

    /// <summary>Runs <paramref name="action"/> under the lock after <paramref name="due"/> of server time.</summary>
    public IDisposable After(TimeSpan due, Action action)
    {
        if (due < TimeSpan.Zero)
        {
            due = TimeSpan.Zero;
        }
        var scheduled = new ScheduledAction(this) { Action = action, DueAt = Time.GetUtcNow() + due };
        // Armed only once the action knows its timer, which it needs to re-arm itself (see Fire).
        var timer = Time.CreateTimer(static state => ((ScheduledAction)state!).Fire(), scheduled,
            Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timers.TryAdd(timer, 0);
        scheduled.Timer = timer;
        timer.Change(due, Timeout.InfiniteTimeSpan);
        return scheduled;
    }

    public void AddWorkflowTask(WorkflowRun run, WorkflowQueueItem item) =>
        _workflowQueues[new TaskQueueKey(run.Namespace, run.TaskQueue)].Add(item);

    public void AddActivityTask(string @namespace, string taskQueue, ActivityTaskItem item) =>
        _activityQueues[new TaskQueueKey(@namespace, taskQueue)].Add(item);

    public StartWorkflowExecutionResponse StartWorkflow(StartWorkflowExecutionRequest request)
    {
        if (string.IsNullOrEmpty(request.WorkflowId) || string.IsNullOrEmpty(request.WorkflowType?.Name)
            || string.IsNullOrEmpty(request.TaskQueue?.Name))
        {
            throw RpcErrors.InvalidArgument("A workflow start needs a workflow id, a workflow type and a task queue.");
        }
        lock (_gate)
        {
            return StartLocked(request, signal: null);
        }
    }

    private StartWorkflowExecutionResponse StartLocked(StartWorkflowExecutionRequest request, SignalWorkflowExecutionRequest? signal)
    {
        var ns = Namespaces.Get(request.Namespace);
        if (SearchAttributeSchema.FirstUndefined(request.SearchAttributes, ns.SearchAttributes) is { } undefined)
        {
            throw RpcErrors.InvalidArgument(SearchAttributeSchema.NotDefinedMessage(undefined, ns.Name));
        }
        if (ns.Latest(request.WorkflowId) is { } latest)
        {
            if (!string.IsNullOrEmpty(request.RequestId) && latest.StartRequestId == request.RequestId)
            {
                // The same start sent again (a client retry): answer as the first time.
                return new() { RunId = latest.RunId, Started = true };
            }
            if (StartPolicy.Decide(request, latest) is { } existing)
            {
                return existing;
            }
        }
        if (request.RetryPolicy is { } policy)
        {
            // Filled in before it is written to the started event, as a real server's frontend does.
            request.RetryPolicy = RetryPolicyCalculator.WithDefaults(policy);
        }
        var startDelay = request.WorkflowStartDelay?.ToTimeSpan() is { } delay && delay > TimeSpan.Zero ? delay : TimeSpan.Zero;
        var run = new WorkflowRun(this, request, Guid.NewGuid().ToString(), RunOrigin.Start(startDelay));
        ns.Add(run);
        run.Begin(signal);
        return new() { RunId = run.RunId, Started = true };
    }

    /// <summary>Signals the running workflow, or starts it (under the usual id policies) with the signal as its first event.</summary>
    public SignalWithStartWorkflowExecutionResponse SignalWithStart(SignalWithStartWorkflowExecutionRequest request)
    {
        var start = new StartWorkflowExecutionRequest
        {
            Namespace = request.Namespace,
            WorkflowId = request.WorkflowId,
            WorkflowType = request.WorkflowType,
            TaskQueue = request.TaskQueue,
            Input = request.Input,
            WorkflowExecutionTimeout = request.WorkflowExecutionTimeout,
            WorkflowRunTimeout = request.WorkflowRunTimeout,
            WorkflowTaskTimeout = request.WorkflowTaskTimeout,
            Identity = request.Identity,
            RequestId = request.RequestId,
            WorkflowIdReusePolicy = request.WorkflowIdReusePolicy,
            // Signal-with-start never fails on a running workflow: it signals it.
            WorkflowIdConflictPolicy = WorkflowIdConflictPolicy.UseExisting,
            RetryPolicy = request.RetryPolicy,
            Memo = request.Memo,
            SearchAttributes = request.SearchAttributes,
            Header = request.Header,
            WorkflowStartDelay = request.WorkflowStartDelay,
            Priority = request.Priority,
        };
        var signal = new SignalWorkflowExecutionRequest
        {
            Namespace = request.Namespace,
            SignalName = request.SignalName,
            Input = request.SignalInput,
            Identity = request.Identity,
            Header = request.Header,
        };
        lock (_gate)
        {
            if (Namespaces.Get(request.Namespace).Latest(request.WorkflowId) is { IsRunning: true } running)
            {
                running.Signal(signal);
                return new() { RunId = running.RunId, Started = false };
            }
            var started = StartLocked(start, signal);
            return new() { RunId = started.RunId, Started = started.Started };
        }
    }

    /// <summary>
    /// Asks the run to cancel itself. As on a real server (temporal service/history/api/requestcancelworkflow), asking a
    /// run that already closed succeeds and changes nothing, and a first execution run id selects the newest run of the
    /// chain, which must belong to that chain.
    /// </summary>
    public void RequestCancel(RequestCancelWorkflowExecutionRequest request)
    {
        var workflowId = request.WorkflowExecution?.WorkflowId ?? "";
        var firstRunId = request.FirstExecutionRunId;
        lock (_gate)
        {
            var run = Namespaces.Get(request.Namespace)
                .Find(workflowId, string.IsNullOrEmpty(firstRunId) ? request.WorkflowExecution?.RunId : null);
            if (!run.IsRunning)
            {
                return;
            }
            if (!string.IsNullOrEmpty(firstRunId) && run.FirstExecutionRunId != firstRunId)
            {
                throw RpcErrors.WorkflowNotFound(workflowId, "");
            }
            run.RequestCancel(request);
        }
    }

    public void Signal(SignalWorkflowExecutionRequest request)
    {
        lock (_gate)
        {
            RunningRun(request.Namespace, request.WorkflowExecution?.WorkflowId, request.WorkflowExecution?.RunId)
                .Signal(request);
        }
    }

    public void Terminate(TerminateWorkflowExecutionRequest request)
    {
        lock (_gate)
        {
            RunningRun(request.Namespace, request.WorkflowExecution?.WorkflowId, request.WorkflowExecution?.RunId)
                .Terminate(request.Reason, request.Details, request.Identity);
        }
    }

    public DescribeWorkflowExecutionResponse Describe(DescribeWorkflowExecutionRequest request)
    {
        lock (_gate)
        {
            var run = Namespaces.Get(request.Namespace).Find(request.Execution?.WorkflowId ?? "", request.Execution?.RunId);
            return run.Describe();
        }
    }

    /// <summary>The runs the query selects, newest start first, a page at a time.</summary>
    public ListWorkflowExecutionsResponse ListWorkflows(ListWorkflowExecutionsRequest request)
    {
        const int defaultPageSize = 1000;
        var pageSize = request.PageSize > 0 ? request.PageSize : defaultPageSize;
        var skip = request.NextPageToken.IsEmpty
            ? 0
            : int.Parse(request.NextPageToken.ToStringUtf8(), System.Globalization.CultureInfo.InvariantCulture);
        lock (_gate)
        {
            var matching = Select(request.Namespace, request.Query)
                .OrderByDescending(run => run.StartTime).ThenBy(run => run.RunId, StringComparer.Ordinal)
                .Skip(skip).Take(pageSize + 1).ToList();
            var response = new ListWorkflowExecutionsResponse();
            response.Executions.Add(matching.Take(pageSize).Select(run => run.Describe().WorkflowExecutionInfo));
            if (matching.Count > pageSize)
            {
                response.NextPageToken = ByteString.CopyFromUtf8(
                    (skip + pageSize).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            return response;
        }
    }

    /// <summary>How many runs the query selects; grouped by status when it ends in <c>GROUP BY ExecutionStatus</c>.</summary>
    public CountWorkflowExecutionsResponse CountWorkflows(CountWorkflowExecutionsRequest request)
    {
        lock (_gate)
        {
            var ns = Namespaces.Get(request.Namespace);
            var count = Parse(request.Query, q => VisibilityQueryParser.ParseCount(q, ns.SearchAttributes));
            var runs = Select(ns, count.Filter).ToList();
            var response = new CountWorkflowExecutionsResponse { Count = runs.Count };
            if (count.GroupByExecutionStatus)
            {
                response.Groups.Add(runs.GroupBy(run => run.Status).OrderBy(group => group.Key).Select(group =>
                    new CountWorkflowExecutionsResponse.Types.AggregationGroup
                    {
                        GroupValues = { SearchAttributeSchema.KeywordPayload(VisibilityQueryParser.StatusName(group.Key)) },
                        Count = group.LongCount(),
                    }));
            }
            return response;
        }
    }

    private IEnumerable<WorkflowRun> Select(string @namespace, string query)
    {
        var ns = Namespaces.Get(@namespace);
        return Select(ns, Parse(query, q => VisibilityQueryParser.Parse(q, ns.SearchAttributes)));
    }

    private static IEnumerable<WorkflowRun> Select(WorkflowNamespace ns, VisibilityQuery? filter) =>
        filter is null ? ns.Runs : ns.Runs.Where(run => filter.Matches(run.ToVisibilityRecord()));

    private static T Parse<T>(string query, Func<string, T> parse)
    {
        try
        {
            return parse(query);
        }
        catch (UnsupportedQueryException e)
        {
            throw RpcErrors.InvalidArgument($"Invalid query '{query}': {e.Message}");
        }
    }

    /// <summary>The workers that polled a task queue lately: what the Web UI lists as a workflow's workers.</summary>
    public DescribeTaskQueueResponse DescribeTaskQueue(DescribeTaskQueueRequest request)
    {
        Namespaces.Get(request.Namespace);
        var type = request.TaskQueueType == TaskQueueType.Unspecified ? TaskQueueType.Workflow : request.TaskQueueType;
        var response = new DescribeTaskQueueResponse();
        response.Pollers.Add(_pollers.Pollers(request.Namespace, request.TaskQueue?.Name ?? "", type));
        return response;
    }

    /// <summary>Registers custom search attributes; registering one again with the same type changes nothing.</summary>
    public void AddSearchAttributes(AddSearchAttributesRequest request)
    {
        lock (_gate)
        {
            var ns = Namespaces.Get(string.IsNullOrEmpty(request.Namespace) ? NamespaceStore.DefaultNamespace : request.Namespace);
            foreach (var (name, type) in request.SearchAttributes)
            {
                if (SearchAttributeSchema.System.ContainsKey(name) || SearchAttributeSchema.Predefined.ContainsKey(name))
                {
                    throw RpcErrors.InvalidArgument($"Search attribute {name} is reserved by the system.");
                }
                if (type == IndexedValueType.Unspecified)
                {
                    throw RpcErrors.InvalidArgument($"Search attribute {name} needs a type.");
                }
                if (ns.SearchAttributes.TryGetValue(name, out var existing) && existing != type)
                {
                    throw new Grpc.Core.RpcException(new Grpc.Core.Status(Grpc.Core.StatusCode.AlreadyExists,
                        $"Search attribute {name} already exists as {existing}."));
                }
            }
            foreach (var (name, type) in request.SearchAttributes)
            {
                ns.SearchAttributes[name] = type;
            }
        }
    }

    public ListSearchAttributesResponse ListSearchAttributes(ListSearchAttributesRequest request)
    {
        lock (_gate)
        {
            var ns = Namespaces.Get(string.IsNullOrEmpty(request.Namespace) ? NamespaceStore.DefaultNamespace : request.Namespace);
            var response = new ListSearchAttributesResponse();
            response.CustomAttributes.Add(ns.SearchAttributes);
            response.SystemAttributes.Add(SearchAttributeSchema.System.ToDictionary());
            response.SystemAttributes.Add(SearchAttributeSchema.Predefined.ToDictionary());
            return response;
        }
    }

    public async Task<PollWorkflowTaskQueueResponse> PollWorkflowTaskAsync(
        PollWorkflowTaskQueueRequest request, TimeSpan wait, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Namespaces.Get(request.Namespace);
        }
        _pollers.Polled(request.Namespace, request.TaskQueue, TaskQueueType.Workflow, request.Identity);
        // A sticky queue never receives a task: each task carries the full history, so no worker needs its cache.
        var queue = _workflowQueues[new TaskQueueKey(request.Namespace, request.TaskQueue?.Name ?? "")];
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            var item = await queue.TakeAsync(deadline - DateTime.UtcNow, cancellationToken).ConfigureAwait(false);
            if (item is null)
            {
                return new();
            }
            lock (_gate)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    // The poller is gone; the task must not be lost with it.
                    queue.Add(item);
                    return new();
                }
                var response = item switch
                {
                    WorkflowTaskItem task => task.Run.StartWorkflowTask(task, request),
                    QueryTaskItem query => StartQuery(query),
                    _ => null,
                };
                if (response is not null)
                {
                    return response;
                }
            }
        }
    }

    private PollWorkflowTaskQueueResponse? StartQuery(QueryTaskItem query)
    {
        if (query.Answer.Task.IsCompleted)
        {
            return null;
        }
        _queriesInFlight[query.QueryId] = query;
        return query.Run.StartQueryTask(query);
    }

    public void CompleteWorkflowTask(RespondWorkflowTaskCompletedRequest request)
    {
        lock (_gate)
        {
            CurrentWorkflowTaskRun(request.TaskToken).CompleteWorkflowTask(request);
        }
    }

    public void FailWorkflowTask(RespondWorkflowTaskFailedRequest request)
    {
        lock (_gate)
        {
            CurrentWorkflowTaskRun(request.TaskToken).FailWorkflowTask(request);
        }
    }

    private WorkflowRun CurrentWorkflowTaskRun(ByteString taskToken)
    {
        var token = TaskToken.Decode(taskToken) ?? throw RpcErrors.InvalidArgument("Malformed task token.");
        var run = Namespaces.Get(token.Namespace).Find(token.WorkflowId, token.RunId);
        return run.IsCurrentWorkflowTask(token) ? run : throw RpcErrors.NotFound("Workflow task not found.");
    }

    public async Task<PollActivityTaskQueueResponse> PollActivityTaskAsync(
        PollActivityTaskQueueRequest request, TimeSpan wait, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            Namespaces.Get(request.Namespace);
        }
        _pollers.Polled(request.Namespace, request.TaskQueue, TaskQueueType.Activity, request.Identity);
        var queue = _activityQueues[new TaskQueueKey(request.Namespace, request.TaskQueue?.Name ?? "")];
        var deadline = DateTime.UtcNow + wait;
        while (true)
        {
            var item = await queue.TakeAsync(deadline - DateTime.UtcNow, cancellationToken).ConfigureAwait(false);
            if (item is null)
            {
                return new();
            }
            lock (_gate)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    queue.Add(item);
                    return new();
                }
                if (item.Run.StartActivityTask(item, request) is { } response)
                {
                    return response;
                }
            }
        }
    }

    /// <summary>Runs <paramref name="answer"/> on the activity attempt the token names, or refuses a stale token.</summary>
    public T AnswerActivityTask<T>(ByteString taskToken, Func<WorkflowRun, PendingActivity, T> answer)
    {
        var token = TaskToken.Decode(taskToken) ?? throw RpcErrors.InvalidArgument("Malformed task token.");
        lock (_gate)
        {
            var run = Namespaces.Get(token.Namespace).Find(token.WorkflowId, token.RunId);
            var activity = run.CurrentActivityAttempt(token) ?? throw RpcErrors.NotFound("Activity task not found.");
            return answer(run, activity);
        }
    }

    public async Task<QueryWorkflowResponse> QueryAsync(
        QueryWorkflowRequest request, TimeSpan wait, CancellationToken cancellationToken)
    {
        QueryTaskItem query;
        lock (_gate)
        {
            var run = Namespaces.Get(request.Namespace).Find(request.Execution?.WorkflowId ?? "", request.Execution?.RunId);
            if (!run.IsRunning && request.QueryRejectCondition == QueryRejectCondition.NotOpen
                || run.Status != WorkflowExecutionStatus.Completed && !run.IsRunning
                    && request.QueryRejectCondition == QueryRejectCondition.NotCompletedCleanly)
            {
                return new() { QueryRejected = new() { Status = run.Status } };
            }
            query = new QueryTaskItem(run, Guid.NewGuid().ToString(), request.Query);
            run.Query(query);
        }
        try
        {
            return await query.Answer.Task.WaitAsync(wait, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new Grpc.Core.RpcException(new Grpc.Core.Status(Grpc.Core.StatusCode.DeadlineExceeded,
                "No worker answered the query in time."));
        }
        finally
        {
            // A late answer then finds nothing to complete.
            query.Answer.TrySetCanceled(CancellationToken.None);
            _queriesInFlight.TryRemove(query.QueryId, out _);
        }
    }

    public void AnswerQuery(RespondQueryTaskCompletedRequest request)
    {
        var token = TaskToken.Decode(request.TaskToken) ?? throw RpcErrors.InvalidArgument("Malformed task token.");
        if (!_queriesInFlight.TryRemove(token.QueryId, out var query))
        {
            throw RpcErrors.NotFound("Query task not found.");
        }
        if (request.CompletedType == QueryResultType.Answered)
        {
            query.Answer.TrySetResult(new() { QueryResult = request.QueryResult });
        }
        else
        {
            query.Answer.TrySetException(RpcErrors.QueryFailed(request.ErrorMessage, request.Failure));
        }
    }

    public async Task<GetWorkflowExecutionHistoryResponse> GetHistoryAsync(
        GetWorkflowExecutionHistoryRequest request, TimeSpan wait, CancellationToken cancellationToken)
    {
        var onlyCloseEvent = request.HistoryEventFilterType == HistoryEventFilterType.CloseEvent;
        var from = HistoryPageToken.Decode(request.NextPageToken);
        using var timeout = new CancellationTokenSource(wait);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                var run = Namespaces.Get(request.Namespace).Find(request.Execution?.WorkflowId ?? "", request.Execution?.RunId);
                var events = run.History.Events;
                if (onlyCloseEvent && !run.IsRunning)
                {
                    return Page([events[^1]], ByteString.Empty);
                }
                if (!onlyCloseEvent && events.Count >= from)
                {
                    var page = events.Skip((int)from - 1).ToList();
                    // A waiting reader of a running workflow gets a token to wait for what comes next.
                    var next = request.WaitNewEvent && run.IsRunning
                        ? HistoryPageToken.Encode(events.Count + 1)
                        : ByteString.Empty;
                    return Page(page, next);
                }
                if (!request.WaitNewEvent)
                {
                    return Page([], ByteString.Empty);
                }
                changed = run.Changed;
            }
            try
            {
                await changed.WaitAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                // Nothing new in time: an empty page with a token asks the caller to wait again.
                return Page([], request.NextPageToken.IsEmpty ? HistoryPageToken.Encode(from) : request.NextPageToken);
            }
        }
    }

    private static GetWorkflowExecutionHistoryResponse Page(IEnumerable<HistoryEvent> events, ByteString nextPageToken)
    {
        var response = new GetWorkflowExecutionHistoryResponse { History = new(), NextPageToken = nextPageToken };
        response.History.Events.Add(events.Select(e => e.Clone()));
        return response;
    }

    /// <summary>Answers a departing worker's polls on its sticky queue at once instead of at their timeout.</summary>
    public void ShutdownWorker(ShutdownWorkerRequest request)
    {
        if (!string.IsNullOrEmpty(request.StickyTaskQueue))
        {
            _workflowQueues[new TaskQueueKey(request.Namespace, request.StickyTaskQueue)].ReleasePollers();
        }
    }

    private WorkflowRun RunningRun(string @namespace, string? workflowId, string? runId)
    {
        var run = Namespaces.Get(@namespace).Find(workflowId ?? "", runId);
        return run.IsRunning ? run : throw RpcErrors.NotFound("Workflow execution already completed.");
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }
        foreach (var timer in _timers.Keys)
        {
            timer.Dispose();
        }
        _workflowQueues.ReleaseAllPollers();
        _activityQueues.ReleaseAllPollers();
    }

    /// <summary>A timer callback that takes the lock, and is forgotten once it has run or been cancelled.</summary>
    private sealed class ScheduledAction(WorkflowEngine engine) : IDisposable
    {
        public ITimer? Timer { get; set; }

        public Action? Action { get; set; }

        public DateTimeOffset DueAt { get; init; }

        public void Fire()
        {
            lock (engine._gate)
            {
                if (engine._disposed || Action is not { } action)
                {
                    return;
                }
                var early = DueAt - engine.Time.GetUtcNow();
                if (early > TimeSpan.Zero && Timer is { } timer)
                {
                    // The system clock's timers may fire a millisecond early; nothing the server times (a backoff, a
                    // timeout) may happen before its due time by the server's own clock, which event times show.
                    timer.Change(early, Timeout.InfiniteTimeSpan);
                    return;
                }
                Action = null;
                try
                {
                    action();
                }
#pragma warning disable CA1031 // A timer callback that throws would take the whole test process down with it.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    engine._logger.LogError(e, "A timer of the Temporal test server failed.");
                }
            }
            Dispose();
        }

        public void Dispose()
        {
            Action = null;
            if (Timer is { } timer)
            {
                timer.Dispose();
                engine._timers.TryRemove(timer, out _);
            }
        }
    }

    /// <summary>A history page token: the id of the first event the next page starts at.</summary>
    private static class HistoryPageToken
    {
        public static ByteString Encode(long nextEventId) =>
            ByteString.CopyFrom(Encoding.UTF8.GetBytes(nextEventId.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        public static long Decode(ByteString token) =>
            token.IsEmpty ? 1 : long.Parse(token.ToStringUtf8(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
