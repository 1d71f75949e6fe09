namespace Commerce.Testing.Temporal.Http;

/// <summary>
/// <c>GET /api/v1/settings</c>: the Go ui-server's configuration, in its PascalCase shape, as the Web UI reads it.
/// Auth is off (the server listens on loopback only); the actions this server has no API for are switched off, so the
/// UI never offers them.
/// </summary>
internal static class UiSettings
{
    /// <summary>The @temporalio/ui release tools/temporal-ui builds; from 2.23 on, the UI encodes path segments once.</summary>
    private const string UiVersion = "2.38.0";

    public static object Current { get; } = new Dictionary<string, object>
    {
        ["Auth"] = new Dictionary<string, object> { ["Enabled"] = false, ["Options"] = Array.Empty<string>() },
        ["DefaultNamespace"] = "default",
        ["ShowTemporalSystemNamespace"] = false,
        ["Version"] = UiVersion,
        // No codec server: payloads are shown as the SDK wrote them (JSON).
        ["Codec"] = new Dictionary<string, object> { ["Endpoint"] = "" },
        ["DisableWriteActions"] = false,
        ["WorkflowCancelDisabled"] = false,
        ["WorkflowSignalDisabled"] = false,
        ["WorkflowTerminateDisabled"] = true,
        ["WorkflowResetDisabled"] = true,
        ["WorkflowUpdateDisabled"] = true,
        ["StartWorkflowDisabled"] = true,
        ["BatchActionsDisabled"] = true,
        ["HideWorkflowQueryErrors"] = false,
        ["RefreshWorkflowCountsDisabled"] = false,
        ["NotifyOnNewVersion"] = false,
    };
}
