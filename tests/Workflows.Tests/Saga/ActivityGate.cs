using System.Threading.Channels;
using Temporalio.Activities;
using Temporalio.Worker.Interceptors;

namespace Commerce.Workflows.Tests.Saga;

/// <summary>Where an <see cref="ActivityGate"/> holds an activity attempt.</summary>
public enum HoldPoint
{
    /// <summary>Before the activity calls its participant: nothing has happened yet.</summary>
    BeforeTheCall,

    /// <summary>After the participant answered, before the worker reports it: the effect happened, the answer is not in yet.</summary>
    AfterTheCall,
}

/// <summary>
/// A worker interceptor that holds attempts of the named activities (all of them when none is named) until the test lets
/// each go, so a test can look at a saga while a given step is running, without sleeping. A held attempt also ends when
/// the worker stops (its cancellation), as a real attempt would.
/// </summary>
public sealed class ActivityGate(HoldPoint point, params string[] activities) : IWorkerInterceptor
{
    private static readonly TimeSpan ArrivalTimeout = TimeSpan.FromSeconds(30);

    private readonly Channel<HeldActivity> _arrivals = Channel.CreateUnbounded<HeldActivity>();

    public ActivityInboundInterceptor InterceptActivity(ActivityInboundInterceptor nextInterceptor) => new Inbound(this, nextInterceptor);

    /// <summary>The next attempt to reach the gate, in the order they came.</summary>
    public async Task<HeldActivity> NextAsync()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(ArrivalTimeout);
        try
        {
            return await _arrivals.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"No held activity arrived at the gate within {ArrivalTimeout.TotalSeconds} s.");
        }
    }

    private async Task<object?> ExecuteAsync(string activity, Func<Task<object?>> execute)
    {
        if (activities.Length > 0 && !activities.Contains(activity))
        {
            return await execute();
        }
        if (point == HoldPoint.BeforeTheCall)
        {
            await HoldAsync();
        }
        var result = await execute();
        if (point == HoldPoint.AfterTheCall)
        {
            await HoldAsync();
        }
        return result;
    }

    private async Task HoldAsync()
    {
        var context = ActivityExecutionContext.Current;
        var held = new HeldActivity(context.Info.ActivityType, context.Info.Attempt);
        await _arrivals.Writer.WriteAsync(held, context.CancellationToken);
        await held.Released.WaitAsync(context.CancellationToken);
    }

    private sealed class Inbound(ActivityGate gate, ActivityInboundInterceptor next) : ActivityInboundInterceptor(next)
    {
        public override Task<object?> ExecuteActivityAsync(ExecuteActivityInput input) =>
            gate.ExecuteAsync(input.Activity.Name ?? "", () => base.ExecuteActivityAsync(input));
    }
}

/// <summary>An activity attempt waiting at an <see cref="ActivityGate"/>.</summary>
public sealed class HeldActivity(string activity, int attempt)
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Activity { get; } = activity;

    public int Attempt { get; } = attempt;

    internal Task Released => _released.Task;

    public void Release() => _released.TrySetResult();
}
