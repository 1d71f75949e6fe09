using Commerce.Workflows.Activities;
using Temporalio.Common;
using Temporalio.Workflows;

namespace Commerce.Workflows.Saga;

/// <summary>The policy of one step (or of every compensation); a null <see cref="ScheduleToClose"/> means retry until it succeeds.</summary>
public sealed record StepPolicy(string Activity, TimeSpan StartToClose, TimeSpan? ScheduleToClose, TimeSpan InitialInterval, double Backoff, TimeSpan MaximumInterval);

/// <summary>
/// Every timeout and retry policy of the saga, in one place.
/// <list type="bullet">
/// <item><b>Start-to-close</b> bounds one attempt. Every call is a single HTTP request, so 30 s; the activities'
/// HTTP clients give up after <see cref="HttpTimeout"/>, a little earlier, so an attempt ends with a "did not answer"
/// failure of its own rather than being abandoned. Payments may spend its processor timeout (10 s) on one call.</item>
/// <item><b>Retries</b> are Temporal's alone: the activities' HTTP clients have no retry handler, so a fault is
/// retried here with one backoff (1 s, doubling, at most 30 s between forward attempts, 1 min between compensation
/// attempts), never multiplied by a second layer.</item>
/// <item><b>Forward steps</b> retry transient faults (<see cref="SagaErrorTypes.ParticipantUnavailable"/>) until their
/// schedule-to-close runs out; then the saga compensates with the reason "participant unavailable". The steps that
/// reach the card network get 5 min, the others 2 min. The business refusals are non-retryable twice over: the
/// activities throw them as non-retryable, and the policy names them (<see cref="SagaErrorTypes.NonRetryable"/>).</item>
/// <item><b>Compensations</b> (and cancelling the order after them) never give up: no schedule-to-close, no maximum
/// attempts. They are idempotent, and a participant that is down only delays them.</item>
/// </list>
/// </summary>
public static class SagaActivityOptions
{
    public static readonly TimeSpan HttpTimeout = TimeSpan.FromSeconds(25);

    private static readonly TimeSpan Attempt = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan First = TimeSpan.FromSeconds(1);
    private const double Doubling = 2.0;
    private static readonly TimeSpan ForwardMaxInterval = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan CompensationMaxInterval = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Participant = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan CardNetwork = TimeSpan.FromMinutes(5);

    public static readonly StepPolicy ReserveStock = Forward("ReserveStock", Participant);
    public static readonly StepPolicy AuthorizePayment = Forward("AuthorizePayment", CardNetwork);
    public static readonly StepPolicy CreateShipment = Forward("CreateShipment", Participant);
    public static readonly StepPolicy CapturePayment = Forward("CapturePayment", CardNetwork);
    public static readonly StepPolicy CommitStock = Forward("CommitStock", Participant);
    public static readonly StepPolicy ConfirmOrder = Forward("ConfirmOrder", Participant);
    public static readonly StepPolicy Compensation = new("ReleaseStock, UndoPayment, CancelShipment, CancelOrder", Attempt, null, First, Doubling, CompensationMaxInterval);

    public static ActivityOptions For(StepPolicy policy) => new()
    {
        StartToCloseTimeout = policy.StartToClose,
        ScheduleToCloseTimeout = policy.ScheduleToClose,
        RetryPolicy = new RetryPolicy
        {
            InitialInterval = policy.InitialInterval,
            BackoffCoefficient = (float)policy.Backoff,
            MaximumInterval = policy.MaximumInterval,
            // Unlimited attempts: forward steps are bounded by schedule-to-close instead, compensations not at all.
            MaximumAttempts = 0,
            NonRetryableErrorTypes = policy.ScheduleToClose is null ? null : SagaErrorTypes.NonRetryable,
        },
    };

    private static StepPolicy Forward(string activity, TimeSpan scheduleToClose) =>
        new(activity, Attempt, scheduleToClose, First, Doubling, ForwardMaxInterval);
}
