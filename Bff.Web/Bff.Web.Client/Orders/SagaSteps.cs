using Commerce.Bff.Web.Client.Screens;

namespace Commerce.Bff.Web.Client.Orders;

/// <summary>How far one step of an order has come, as the timeline draws it.</summary>
public enum StepState
{
    /// <summary>Not yet (the order is still on its way there).</summary>
    Pending,

    /// <summary>The step the order is at now.</summary>
    Current,

    Done,

    /// <summary>Done, then undone because the order was cancelled.</summary>
    Compensated,

    /// <summary>Never happened: the order was cancelled first.</summary>
    Skipped,
}

public sealed record SagaStep(string Title, StepState State, string? Undone);

/// <summary>
/// The five steps every order goes through, in order, from the order's progress and timeline: stock reserved, payment
/// authorized, shipment created, payment captured, order confirmed.
/// </summary>
public static class SagaSteps
{
    private const string PaymentCapturedKind = "payments.payment-captured";

    public static IReadOnlyList<SagaStep> Of(OrderScreen order)
    {
        var captured = order.Timeline.Any(item => item.Kind == PaymentCapturedKind);
        var paymentUndone = order.Progress.Payment == "compensated";
        (string Title, string State, string Undone)[] raw =
        [
            ("Stock reserved", order.Progress.Stock, "Stock released"),
            ("Payment authorized", order.Progress.Payment, captured ? "Payment refunded" : "Payment voided"),
            ("Shipment created", order.Progress.Shipment, "Shipment cancelled"),
            ("Payment captured", captured ? (paymentUndone ? "compensated" : "done") : "pending", "Payment refunded"),
            ("Order confirmed", order.Status == OrderStatuses.Confirmed ? "done" : "pending", ""),
        ];

        var cancelled = order.Status is OrderStatuses.Cancelled or OrderStatuses.CancellationRequested;
        var steps = new List<SagaStep>();
        var currentTaken = false;
        foreach (var (title, state, undone) in raw)
        {
            var stepState = state switch
            {
                "done" => StepState.Done,
                "compensated" => StepState.Compensated,
                _ when order.Status == OrderStatuses.Cancelled => StepState.Skipped,
                _ when !currentTaken && !cancelled => StepState.Current,
                _ => StepState.Pending,
            };
            currentTaken |= stepState == StepState.Current;
            steps.Add(new SagaStep(title, stepState, stepState == StepState.Compensated ? undone : null));
        }

        return steps;
    }
}
