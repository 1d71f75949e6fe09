using System.Diagnostics;
using System.Net;
using Commerce.Testing;
using Commerce.Workflows.Activities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Temporalio.Exceptions;
using Temporalio.Testing;

namespace Commerce.Workflows.Tests.Tracing;

/// <summary>
/// The last hop of the trace: an activity's HTTP call carries the span it runs under (the one the tracing interceptor
/// starts) to the participant. Over a real socket, since only the real network handler writes <c>traceparent</c>; the
/// in-process participants' handler does not.
/// </summary>
public sealed class ActivityHttpTracingTests
{
    [Fact]
    public async Task An_activity_call_sends_the_trace_context_of_the_span_it_runs_under()
    {
        using var listener = new HttpListener();
        var port = LoopbackPorts.FindFree();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var received = AnswerOnceAsync(listener);
        using var worker = WorkerServices($"http://127.0.0.1:{port}");
        using var source = new ActivitySource(nameof(ActivityHttpTracingTests));
        using var spans = new SpanCollector(nameof(ActivityHttpTracingTests));

        using (var span = source.StartActivity("RunActivity:ConfirmOrder"))
        {
            Assert.NotNull(span);
            using var scope = worker.Services.CreateScope();
            var ordering = scope.ServiceProvider.GetRequiredService<OrderingActivities>();
            // The stand-in participant knows no order: the call is refused, which is beside the point here.
            await Assert.ThrowsAsync<ApplicationFailureException>(
                () => new ActivityEnvironment().RunAsync(() => ordering.ConfirmOrderAsync(Guid.NewGuid())));
        }

        var traceParent = await received.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        var runSpan = Assert.Single(spans.Finished);
        Assert.NotNull(traceParent);
        Assert.True(ActivityContext.TryParse(traceParent, null, out var sent), $"not a trace context: {traceParent}");
        Assert.Equal(runSpan.TraceId, sent.TraceId);
    }

    /// <summary>Answers the first request 404 and returns the <c>traceparent</c> it came with.</summary>
    private static async Task<string?> AnswerOnceAsync(HttpListener listener)
    {
        var context = await listener.GetContextAsync();
        var traceParent = context.Request.Headers["traceparent"];
        context.Response.StatusCode = (int)HttpStatusCode.NotFound;
        context.Response.Close();
        return traceParent;
    }

    /// <summary>The worker's participant clients, as registered in production, with Ordering at <paramref name="ordering"/>.</summary>
    private static IHost WorkerServices(string ordering)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["services:ordering:http:0"] = ordering,
            ["Logging:LogLevel:Default"] = nameof(LogLevel.Warning),
        });
        builder.AddServiceDefaults();
        builder.AddParticipantClients();
        return builder.Build();
    }
}
