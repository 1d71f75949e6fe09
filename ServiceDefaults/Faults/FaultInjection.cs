using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Commerce.ServiceDefaults.Faults;

/// <summary>
/// Applies the switches to each request, in this order: the latency of every matching rule, then the first rule (by
/// name) that fails it (failNext before errorRate), else the request runs, held back to crash the process after it
/// committed when a matching rule's crash is armed. <c>/faults</c> is answered before this runs.
/// </summary>
internal sealed partial class FaultInjection(
    RequestDelegate next,
    FaultSwitchboard switchboard,
    TimeProvider time,
    IProcessTerminator terminator,
    ILogger<FaultInjection> logger)
{
    public const string FaultHeader = "X-Fault";
    public const string InjectedTitle = "Injected fault";

    // The probes must keep telling the truth about the process: an orchestrator that saw a failed probe would restart
    // it, and the fault would be the orchestrator's, not the one asked for.
    private static readonly PathString[] Untouched =
        [ServiceDefaultsExtensions.HealthPath, ServiceDefaultsExtensions.AlivePath];

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var matching = Untouched.Any(path => request.Path.StartsWithSegments(path))
            ? []
            : switchboard.InForce().Where(fault => fault.Matches(request)).ToList();
        if (matching.Count == 0)
        {
            await next(context);
            return;
        }

        if (!await DelayAsync(context, matching))
        {
            return;
        }

        if (matching.FirstOrDefault(fault => fault.FailsThisRequest()) is { } failing)
        {
            await FailAsync(context, failing);
        }
        else if (matching.FirstOrDefault(fault => fault.TryTakeCrash()) is { } crash)
        {
            await RunThenCrashIfCommittedAsync(context, crash);
        }
        else
        {
            await next(context);
        }
    }

    /// <returns>False when the client left while it waited.</returns>
    private async Task<bool> DelayAsync(HttpContext context, List<FaultSwitch> matching)
    {
        var latency = TimeSpan.Zero;
        foreach (var fault in matching.Where(fault => fault.Rule.Latency > TimeSpan.Zero))
        {
            LogDelayed(logger, fault.Name, context.Request.Method, context.Request.Path, fault.Rule.Latency!.Value);
            latency += fault.Rule.Latency.Value;
        }

        if (latency == TimeSpan.Zero)
        {
            return true;
        }

        try
        {
            await Task.Delay(latency, time, context.RequestAborted);
            return true;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return false;
        }
    }

    // Nothing of the endpoint runs: the failure is what a caller would see from a service that is down or broken.
    private async Task FailAsync(HttpContext context, FaultSwitch fault)
    {
        var status = fault.Rule.Status;
        LogFailed(logger, fault.Name, context.Request.Method, context.Request.Path, status);
        context.Response.Headers[FaultHeader] = fault.Name;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = "1";
        }

        await TypedResults.Problem(
            title: InjectedTitle,
            detail: $"The fault switch '{fault.Name}' failed this request.",
            statusCode: status).ExecuteAsync(context);
    }

    // The answer is held back in memory while the endpoint runs, so nothing of it can reach the client before the kill:
    // the caller sees a connection that died with its work done, the case retries and idempotency keys exist for.
    private async Task RunThenCrashIfCommittedAsync(HttpContext context, FaultSwitch fault)
    {
        var answer = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        using var heldBack = new MemoryStream();
        var holding = new StreamResponseBodyFeature(heldBack, answer);
        context.Features.Set<IHttpResponseBodyFeature>(holding);
        try
        {
            await next(context);
            await holding.CompleteAsync();
        }
        catch
        {
            fault.Rearm();
            throw;
        }
        finally
        {
            context.Features.Set(answer);
        }

        if (context.Response.StatusCode < StatusCodes.Status400BadRequest)
        {
            LogCrashing(logger, fault.Name, context.Request.Method, context.Request.Path, context.Response.StatusCode);
            terminator.Terminate(fault.Name);
            // Only a test's terminator returns; even then the held-back answer never leaves.
            context.Abort();
            return;
        }

        // A refusal committed nothing, so it is answered as it was and the crash waits for a request that commits.
        fault.Rearm();
        LogRefusalPassed(logger, fault.Name, context.Request.Method, context.Request.Path, context.Response.StatusCode);
        heldBack.Position = 0;
        await heldBack.CopyToAsync(answer.Stream, context.RequestAborted);
    }

    [LoggerMessage(LogLevel.Warning, "Fault switch {Rule} delayed {Method} {Path} by {Latency}")]
    private static partial void LogDelayed(ILogger logger, string rule, string method, PathString path, TimeSpan latency);

    [LoggerMessage(LogLevel.Warning, "Fault switch {Rule} failed {Method} {Path} with {Status}")]
    private static partial void LogFailed(ILogger logger, string rule, string method, PathString path, int status);

    [LoggerMessage(LogLevel.Critical, "Fault switch {Rule} crashes this process: {Method} {Path} committed ({Status}), and its answer is never sent")]
    private static partial void LogCrashing(ILogger logger, string rule, string method, PathString path, int status);

    [LoggerMessage(LogLevel.Information, "Fault switch {Rule} stays armed: {Method} {Path} answered {Status}, so it committed nothing")]
    private static partial void LogRefusalPassed(ILogger logger, string rule, string method, PathString path, int status);
}
