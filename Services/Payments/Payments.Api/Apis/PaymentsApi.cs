using System.Globalization;
using Commerce.Payments.Api.Data;
using Commerce.Payments.Api.Domain;
using Commerce.Payments.Api.Processing;
using Commerce.Payments.Contracts;
using Commerce.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commerce.Payments.Api.Apis;

public static class PaymentsApi
{
    // RFC 9110 names no ProblemDetails type for 402, so ASP.NET Core fills in none.
    private const string PaymentRequiredType = "https://tools.ietf.org/html/rfc9110#section-15.5.3";

    public static IEndpointRouteBuilder MapPaymentsApi(this IEndpointRouteBuilder app)
    {
        var payments = app.MapGroup("/payments").WithTags("Payments");

        payments.MapPut("/{orderId}", AuthorizePayment)
            .WithName("AuthorizePayment")
            .WithSummary("Authorize an order's payment")
            .WithDescription(
                "Holds the amount on the tokenized card. Idempotent on the order id: a repeat of the same request answers " +
                "what the first one did (402 included) without calling the card network again; a different request for " +
                "the same order is 409 authorization-differs. 402 card-declined / insufficient-funds / expired-card; " +
                "422 unknown-token; 503 with Retry-After when the card network failed or did not answer.")
            .WithValidation<PaymentKey>()
            .WithValidation<AuthorizePaymentRequest>()
            .ProducesProblem(StatusCodes.Status402PaymentRequired)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        payments.MapGet("/{orderId}", GetPayment)
            .WithName("GetPayment")
            .WithSummary("Get an order's payment")
            .WithValidation<PaymentKey>();

        MapMove(payments, "capture", CapturePayment, "CapturePayment", "Capture an authorized payment",
            "Takes the authorized amount. 409 when the payment is not authorized (already-voided, payment-declined, …).");
        MapMove(payments, "void", VoidPayment, "VoidPayment", "Void an authorized payment",
            "Releases the hold without charging. 409 already-captured once captured: refund instead.");
        MapMove(payments, "refund", RefundPayment, "RefundPayment", "Refund a captured payment",
            "Pays the captured amount back in full. 409 not-captured before capture: void instead.");

        return app;
    }

    private static void MapMove(RouteGroupBuilder payments, string action, Delegate handler, string name, string summary, string description) =>
        payments.MapPost($"/{{orderId}}/{action}", handler)
            .WithName(name)
            .WithSummary(summary)
            .WithDescription($"{description} Idempotent on the order id: a repeat answers what the first call did, with no second effect. 503 with Retry-After when the card network failed or did not answer.")
            .WithValidation<PaymentKey>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    public static async Task<Results<Ok<PaymentDto>, NotFound, ProblemHttpResult>> AuthorizePayment(
        [AsParameters] PaymentKey key,
        AuthorizePaymentRequest request,
        CardPayments payments,
        HttpResponse response,
        CancellationToken cancellationToken) =>
        ToResult(await payments.AuthorizeAsync(key.OrderId, request, cancellationToken), PaymentOperation.Authorize, response);

    public static async Task<Results<Ok<PaymentDto>, NotFound>> GetPayment(
        [AsParameters] PaymentKey key, PaymentStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(key.OrderId, cancellationToken) is { } payment ? TypedResults.Ok(payment.ToDto()) : TypedResults.NotFound();

    public static async Task<Results<Ok<PaymentDto>, NotFound, ProblemHttpResult>> CapturePayment(
        [AsParameters] PaymentKey key, CardPayments payments, HttpResponse response, CancellationToken cancellationToken) =>
        ToResult(await payments.CaptureAsync(key.OrderId, cancellationToken), PaymentOperation.Capture, response);

    public static async Task<Results<Ok<PaymentDto>, NotFound, ProblemHttpResult>> VoidPayment(
        [AsParameters] PaymentKey key, CardPayments payments, HttpResponse response, CancellationToken cancellationToken) =>
        ToResult(await payments.VoidAsync(key.OrderId, cancellationToken), PaymentOperation.Void, response);

    public static async Task<Results<Ok<PaymentDto>, NotFound, ProblemHttpResult>> RefundPayment(
        [AsParameters] PaymentKey key, CardPayments payments, HttpResponse response, CancellationToken cancellationToken) =>
        ToResult(await payments.RefundAsync(key.OrderId, cancellationToken), PaymentOperation.Refund, response);

    private static Results<Ok<PaymentDto>, NotFound, ProblemHttpResult> ToResult(PaymentOutcome outcome, PaymentOperation operation, HttpResponse response)
    {
        switch (outcome)
        {
            case PaymentOutcome.Completed completed:
                return TypedResults.Ok(completed.Payment);
            case PaymentOutcome.NoPayment:
                return TypedResults.NotFound();
            case PaymentOutcome.Declined declined:
                return Refusal(
                    StatusCodes.Status402PaymentRequired,
                    "The card was declined.",
                    declined.Reason,
                    "The card network refused the authorization. It is final for this order: a repeat gets the same answer.",
                    type: PaymentRequiredType);
            case PaymentOutcome.Refused refused:
                return Refusal(
                    StatusCodes.Status409Conflict,
                    $"The payment cannot be {PastTenseOf(operation)} now.",
                    refused.Reason,
                    ExplanationOf(refused.Reason),
                    paymentStatus: refused.Status);
            case PaymentOutcome.OrderAbandoned:
                return Refusal(
                    StatusCodes.Status409Conflict,
                    "The order's payment was already undone.",
                    PaymentsRefusalReasons.OrderAbandoned,
                    "A void or refund for this order arrived before its authorization; the order is being cancelled, so nothing is authorized.");
            case PaymentOutcome.UnknownToken:
                return Refusal(
                    StatusCodes.Status422UnprocessableEntity,
                    "No card was tokenized with this token.",
                    PaymentsRefusalReasons.UnknownToken,
                    "Tokenize the card with POST /payment-tokens and authorize with the token it returns.");
            case PaymentOutcome.ProcessorFailed failed:
                var seconds = (int)Math.Ceiling(failed.RetryAfter.TotalSeconds);
                response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return Refusal(
                    StatusCodes.Status503ServiceUnavailable,
                    failed.TimedOut ? "The card network did not answer in time." : "The card network is unavailable.",
                    failed.TimedOut ? PaymentsRefusalReasons.ProcessorTimeout : PaymentsRefusalReasons.ProcessorUnavailable,
                    $"Nothing changed. Retry the same request in {seconds} seconds: a retry never charges twice.");
            default:
                throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null);
        }
    }

    private static ProblemHttpResult Refusal(int status, string title, string reason, string detail, string? type = null, PaymentStatus? paymentStatus = null)
    {
        var extensions = new Dictionary<string, object?> { ["reason"] = reason };
        if (paymentStatus is { } current)
        {
            extensions["paymentStatus"] = current;
        }

        return TypedResults.Problem(detail, statusCode: status, title: title, type: type, extensions: extensions);
    }

    private static string PastTenseOf(PaymentOperation operation) => operation switch
    {
        PaymentOperation.Authorize => "authorized",
        PaymentOperation.Capture => "captured",
        PaymentOperation.Void => "voided",
        PaymentOperation.Refund => "refunded",
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
    };

    private static string ExplanationOf(string reason) => reason switch
    {
        PaymentsRefusalReasons.AuthorizationDiffers => "This order's payment was already authorized with a different card, amount or currency.",
        PaymentsRefusalReasons.PaymentDeclined => "This order's authorization was declined; nothing can follow it.",
        PaymentsRefusalReasons.NotCaptured => "Only a captured payment can be refunded; void an authorization that was not captured.",
        PaymentsRefusalReasons.AlreadyCaptured => "The payment was captured; refund it to pay the amount back.",
        PaymentsRefusalReasons.AlreadyVoided => "The payment was voided; nothing was charged.",
        PaymentsRefusalReasons.AlreadyRefunded => "The payment was refunded.",
        _ => "The payment's state does not allow this.",
    };
}
