using System.Diagnostics;
using OpenTelemetry.Trace;

namespace Commerce.ServiceDefaults.Telemetry;

/// <summary>
/// Samples every trace except one that would begin with a client span: a database query, broker connect or HTTP call
/// made by no request, message or workflow at all. Those are the background pollers (the outbox dispatcher's backstop
/// poll, the notification sender, the retention sweep), several a second per service, and as traces of their own
/// they drown the traces of orders in the dashboard. Work that has a parent is sampled as its parent was.
/// </summary>
internal sealed class BackgroundClientSpansDropped : Sampler
{
    private static readonly SamplingResult Drop = new(SamplingDecision.Drop);
    private static readonly SamplingResult Record = new(SamplingDecision.RecordAndSample);

    public override SamplingResult ShouldSample(in SamplingParameters samplingParameters) =>
        samplingParameters.Kind == ActivityKind.Client ? Drop : Record;
}
