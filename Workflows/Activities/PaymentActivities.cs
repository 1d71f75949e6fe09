using System.Net;
using Commerce.Payments.Contracts;
using Temporalio.Activities;

namespace Commerce.Workflows.Activities;

public sealed record AuthorizePaymentInput(Guid OrderId, string PaymentToken, decimal Amount, string Currency);

/// <summary>The saga's calls to Payments, each idempotent on the order id (a repeat never charges twice).</summary>
public sealed class PaymentActivities(IPaymentsApi payments)
{
    private const string Participant = "Payments";

    /// <summary>
    /// 402 (<c>card-declined</c>, <c>insufficient-funds</c>, <c>expired-card</c>), 409 (<c>authorization-differs</c>,
    /// <c>order-abandoned</c>: the compensation overtook it) and 422 (<c>unknown-token</c>) all mean this order will not
    /// be paid with this card: <see cref="SagaErrorTypes.PaymentDeclined"/>, with the reason in the failure's details.
    /// </summary>
    [Activity]
    public async Task AuthorizePaymentAsync(AuthorizePaymentInput input)
    {
        const string operation = "authorize the payment";
        var answer = await ParticipantCall.SendAsync(
            Participant,
            operation,
            input.OrderId,
            async ct => await payments.AuthorizeAsync(input.OrderId, new AuthorizePaymentRequest(input.PaymentToken, input.Amount, input.Currency), ct));
        switch (answer.Status)
        {
            case HttpStatusCode.OK:
                return;
            case HttpStatusCode.PaymentRequired or HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity:
                throw ParticipantCall.Refused(SagaErrorTypes.PaymentDeclined, Participant, operation, input.OrderId, answer);
            default:
                throw ParticipantCall.Rejected(Participant, operation, input.OrderId, answer);
        }
    }

    [Activity]
    public async Task CapturePaymentAsync(Guid orderId)
    {
        const string operation = "capture the payment";
        var answer = await ParticipantCall.SendAsync(Participant, operation, orderId, async ct => await payments.CaptureAsync(orderId, ct));
        if (answer.Status != HttpStatusCode.OK)
        {
            throw ParticipantCall.Rejected(Participant, operation, orderId, answer);
        }
    }

    /// <summary>
    /// Compensation: voids the authorization, or refunds the payment once it was captured. A payment that never
    /// happened is a 404 that Payments remembers (a late authorization is then refused), so it counts as undone; so do
    /// a payment already voided or refunded and a declined one (nothing was held).
    /// </summary>
    [Activity]
    public async Task UndoPaymentAsync(Guid orderId)
    {
        var voided = await ParticipantCall.SendAsync(Participant, "void the payment", orderId, async ct => await payments.VoidAsync(orderId, ct));
        if (IsUndone(voided))
        {
            return;
        }

        if (voided is not { Status: HttpStatusCode.Conflict, Reason: PaymentsRefusalReasons.AlreadyCaptured })
        {
            throw ParticipantCall.Rejected(Participant, "void the payment", orderId, voided);
        }

        var refunded = await ParticipantCall.SendAsync(Participant, "refund the payment", orderId, async ct => await payments.RefundAsync(orderId, ct));
        if (!IsUndone(refunded))
        {
            throw ParticipantCall.Rejected(Participant, "refund the payment", orderId, refunded);
        }
    }

    private static bool IsUndone(ParticipantAnswer answer) => answer switch
    {
        { Status: HttpStatusCode.OK or HttpStatusCode.NotFound } => true,
        { Status: HttpStatusCode.Conflict, Reason: PaymentsRefusalReasons.AlreadyVoided or PaymentsRefusalReasons.AlreadyRefunded or PaymentsRefusalReasons.PaymentDeclined } => true,
        _ => false,
    };
}
