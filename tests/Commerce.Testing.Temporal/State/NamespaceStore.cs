using Commerce.Testing.Temporal.Rpc;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.Namespace.V1;
using Temporalio.Api.WorkflowService.V1;

namespace Commerce.Testing.Temporal.State;

/// <summary>One namespace: its custom search attributes and every workflow run started in it.</summary>
internal sealed class WorkflowNamespace(string name, IReadOnlyDictionary<string, IndexedValueType> searchAttributes)
{
    private readonly Dictionary<string, List<WorkflowRun>> _runsByWorkflowId = [];

    public string Name { get; } = name;

    public string Id { get; } = Guid.NewGuid().ToString();

    public Dictionary<string, IndexedValueType> SearchAttributes { get; } = new(searchAttributes);

    /// <summary>The namespace as DescribeNamespace and ListNamespaces answer it.</summary>
    public DescribeNamespaceResponse Describe() => new()
    {
        NamespaceInfo = new NamespaceInfo
        {
            Name = Name,
            Id = Id,
            State = NamespaceState.Registered,
            Description = "In-memory namespace of Commerce.Testing.Temporal; nothing persists.",
            Capabilities = new() { SyncUpdate = false, AsyncUpdate = false },
        },
        Config = new NamespaceConfig { WorkflowExecutionRetentionTtl = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromDays(1)) },
    };

    /// <summary>The newest run of a workflow id, running or not.</summary>
    public WorkflowRun? Latest(string workflowId) =>
        _runsByWorkflowId.TryGetValue(workflowId, out var runs) ? runs[^1] : null;

    /// <summary>A given run, or the newest one when <paramref name="runId"/> is empty.</summary>
    public WorkflowRun Find(string workflowId, string? runId)
    {
        var run = string.IsNullOrEmpty(runId)
            ? Latest(workflowId)
            : _runsByWorkflowId.GetValueOrDefault(workflowId)?.Find(r => r.RunId == runId);
        return run ?? throw RpcErrors.WorkflowNotFound(workflowId, runId ?? "");
    }

    /// <summary>Every run of every workflow id, for visibility queries.</summary>
    public IEnumerable<WorkflowRun> Runs => _runsByWorkflowId.Values.SelectMany(runs => runs);

    public void Add(WorkflowRun run)
    {
        if (!_runsByWorkflowId.TryGetValue(run.WorkflowId, out var runs))
        {
            _runsByWorkflowId[run.WorkflowId] = runs = [];
        }
        runs.Add(run);
    }
}

/// <summary>The namespaces the server serves: <c>default</c> and those configured. None can be added at run time yet.</summary>
internal sealed class NamespaceStore
{
    public const string DefaultNamespace = "default";

    private readonly Dictionary<string, WorkflowNamespace> _byName = [];

    public NamespaceStore(IEnumerable<string> names, IReadOnlyDictionary<string, IndexedValueType> searchAttributes)
    {
        foreach (var name in names.Prepend(DefaultNamespace).Distinct(StringComparer.Ordinal))
        {
            _byName[name] = new WorkflowNamespace(name, searchAttributes);
        }
    }

    public IEnumerable<WorkflowNamespace> All => _byName.Values;

    public WorkflowNamespace Get(string name) =>
        _byName.TryGetValue(name, out var found) ? found : throw RpcErrors.NamespaceNotFound(name);

    public WorkflowNamespace GetById(string id) =>
        _byName.Values.FirstOrDefault(n => n.Id == id) ?? throw RpcErrors.NamespaceNotFound(id);
}
