using System.Text.Json.Serialization;

namespace Commerce.Workflows.Saga;

/// <summary>The saga's steps, in the order they run.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SagaStep>))]
public enum SagaStep
{
    ReserveStock,
    AuthorizePayment,
    GracePeriod,
    CreateShipment,
    CapturePayment,
    CommitStock,
    ConfirmOrder,
}

[JsonConverter(typeof(JsonStringEnumConverter<SagaStepState>))]
public enum SagaStepState
{
    Pending,
    Running,
    Done,
    Failed,
    Compensated,
}

/// <summary>The value of the <c>OrderStatus</c> search attribute, and the outcome of <see cref="OrderSagaProgress"/>.</summary>
public static class SagaStatus
{
    public const string Pending = "pending";
    public const string Compensating = "compensating";
    public const string Confirmed = "confirmed";
    public const string Cancelled = "cancelled";
}

public sealed record SagaStepProgress(SagaStep Step, SagaStepState State);

/// <summary>
/// What <c>GetProgress</c> answers: each step's state; the status (<see cref="SagaStatus"/>); why the order is being
/// or was cancelled; and a cancellation the customer asked for too late (after the shipment was created), which was
/// recorded and ignored.
/// </summary>
public sealed record OrderSagaProgress(
    IReadOnlyList<SagaStepProgress> Steps, string Status, string? CancellationReason, string? IgnoredCancellationReason);

/// <summary>The saga's progress as it runs: a plain state machine, so workflow code stays readable and it is unit-tested.</summary>
public sealed class SagaProgress
{
    private readonly Dictionary<SagaStep, SagaStepState> _states = Enum.GetValues<SagaStep>().ToDictionary(step => step, _ => SagaStepState.Pending);

    public string Status { get; private set; } = SagaStatus.Pending;

    public string? CancellationReason { get; private set; }

    public string? IgnoredCancellationReason { get; private set; }

    public SagaStepState this[SagaStep step] => _states[step];

    public void Running(SagaStep step) => Move(step, SagaStepState.Running, from: SagaStepState.Pending);

    public void Done(SagaStep step) => Move(step, SagaStepState.Done, from: SagaStepState.Running);

    public void Failed(SagaStep step) => Move(step, SagaStepState.Failed, from: SagaStepState.Running);

    /// <summary>A step was undone: done, or failed (its effect may have happened although its answer was lost).</summary>
    public void Compensated(SagaStep step)
    {
        if (_states[step] is SagaStepState.Done or SagaStepState.Failed or SagaStepState.Running)
        {
            _states[step] = SagaStepState.Compensated;
        }
    }

    public void Compensating(string reason)
    {
        Status = SagaStatus.Compensating;
        CancellationReason ??= reason;
    }

    public void Cancelled() => Status = SagaStatus.Cancelled;

    public void Confirmed() => Status = SagaStatus.Confirmed;

    public void IgnoredCancellation(string reason) => IgnoredCancellationReason ??= reason;

    public OrderSagaProgress Snapshot() => new(
        Enum.GetValues<SagaStep>().Select(step => new SagaStepProgress(step, _states[step])).ToArray(),
        Status,
        CancellationReason,
        IgnoredCancellationReason);

    private void Move(SagaStep step, SagaStepState to, SagaStepState from)
    {
        if (_states[step] != from)
        {
            throw new InvalidOperationException($"Step {step} cannot become {to} from {_states[step]}.");
        }

        _states[step] = to;
    }
}
