using System.Diagnostics;

namespace Commerce.Workflows.Tracing;

/// <summary>The worker's spans: starting and signalling sagas, and running their activities.</summary>
public static class WorkflowsTelemetry
{
    public const string SourceName = "Commerce.Workflows";

    internal static readonly ActivitySource Source = new(SourceName);
}
