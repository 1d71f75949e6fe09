using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Commerce.ServiceDefaults.Tests.Telemetry;

/// <summary>Background pollers' queries make no traces of their own; work done for a request is traced in full.</summary>
public sealed class SamplingTests
{
    [Fact]
    public async Task A_client_call_outside_any_trace_is_not_recorded_but_one_inside_a_request_is()
    {
        await using var app = await TestApp.StartAsync();
        // The SDK samples only once its tracer provider exists, which the host builds on first resolve.
        _ = app.Services.GetRequiredService<TracerProvider>();
        using var source = new ActivitySource(app.Environment.ApplicationName);
        Activity.Current = null;

        using (var poll = source.StartActivity("poll outbox", ActivityKind.Client))
        {
            Assert.True(poll is null || !poll.Recorded, "a query of no request, message or workflow started a trace");
        }

        using var request = source.StartActivity("GET /orders", ActivityKind.Server);
        Assert.NotNull(request);
        Assert.True(request.Recorded);
        using var query = source.StartActivity("SELECT orders", ActivityKind.Client);
        Assert.NotNull(query);
        Assert.True(query.Recorded);
        Assert.Equal(request.TraceId, query.TraceId);
    }
}
