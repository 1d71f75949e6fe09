using Temporalio.Api.WorkflowService.V1;

namespace Commerce.Testing.Temporal.Rpc;

/// <summary>What the server says of itself, to the SDK and the Web UI (GetSystemInfo, GetClusterInfo).</summary>
internal static class ClusterFacts
{
    /// <summary>
    /// The Temporal server release whose API this one answers as. The Web UI turns features on by it (counts by status
    /// above 1.19, prefix search from 1.23), so it must be a real release.
    /// </summary>
    public const string ServerVersion = "1.29.0";

    /// <summary>What the SDK asks before anything else; the capabilities decide what its worker relies on.</summary>
    public static GetSystemInfoResponse SystemInfo() => new()
    {
        ServerVersion = ServerVersion,
        Capabilities = new()
        {
            SignalAndQueryHeader = true,
            InternalErrorDifferentiation = true,
            ActivityFailureIncludeHeartbeat = true,
            EncodedFailureAttributes = true,
            UpsertMemo = true,
            // The worker writes its SDK flags into completed workflow tasks only when told the server keeps them, and
            // replay reads them back.
            SdkMetadata = true,
        },
    };

    /// <summary>One cluster, one shard, everything in memory; no Elasticsearch, so the UI offers no ORDER BY.</summary>
    public static GetClusterInfoResponse ClusterInfo() => new()
    {
        ServerVersion = ServerVersion,
        ClusterName = "in-process",
        ClusterId = "00000000-0000-0000-0000-000000000001",
        PersistenceStore = "memory",
        VisibilityStore = "memory",
        HistoryShardCount = 1,
    };
}
