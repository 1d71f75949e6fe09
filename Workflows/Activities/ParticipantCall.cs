using System.Net;
using System.Text.Json;
using Refit;
using Temporalio.Activities;
using Temporalio.Exceptions;

namespace Commerce.Workflows.Activities;

/// <summary>What a participant answered to a request that reached it and was not a transient fault.</summary>
public sealed record ParticipantAnswer(HttpStatusCode Status, string? Reason);

/// <summary>
/// The one place where an HTTP exchange with a participant becomes an answer or a Temporal failure. Transient faults
/// (5xx, 408, 429, timeouts, connection failures) are thrown as retryable <see cref="SagaErrorTypes.ParticipantUnavailable"/>;
/// everything else is returned for the activity to map, each in its own explicit table.
/// </summary>
public static class ParticipantCall
{
    public static async Task<ParticipantAnswer> SendAsync(
        string participant, string operation, Guid orderId, Func<CancellationToken, Task<IApiResponse>> send)
    {
        var cancellationToken = ActivityExecutionContext.Current.CancellationToken;
        IApiResponse response;
        try
        {
            response = await send(cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw Unavailable(participant, operation, orderId, $"could not be reached ({exception.Message})", retryAfter: null, exception);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The HttpClient's own timeout, not the activity being cancelled: the participant may have done it anyway,
            // which is why every call is idempotent on the order id.
            throw Unavailable(participant, operation, orderId, "did not answer in time", retryAfter: null, exception);
        }

        using (response)
        {
            if (response.StatusCode is not { } status)
            {
                throw Unavailable(participant, operation, orderId, "gave no answer", retryAfter: null, response.Error);
            }

            if (IsTransient(status))
            {
                throw Unavailable(participant, operation, orderId, $"answered {(int)status}", response.Headers?.RetryAfter?.Delta, inner: null);
            }

            return new ParticipantAnswer(status, ReasonOf((response.Error as ApiException)?.Content));
        }
    }

    public static bool IsTransient(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    /// <summary>A business refusal: no retry, the saga compensates at once.</summary>
    public static ApplicationFailureException Refused(string errorType, string participant, string operation, Guid orderId, ParticipantAnswer answer) =>
        new($"{participant} refused to {operation} for order {orderId}: {(int)answer.Status} {answer.Reason ?? "(no reason)"}",
            errorType, nonRetryable: true, details: [answer.Reason]);

    /// <summary>An answer the step does not expect: no retry can change it either.</summary>
    public static ApplicationFailureException Rejected(string participant, string operation, Guid orderId, ParticipantAnswer answer) =>
        Refused(SagaErrorTypes.ParticipantRejected, participant, operation, orderId, answer);

    public static ApplicationFailureException Unavailable(
        string participant, string operation, Guid orderId, string what, TimeSpan? retryAfter, Exception? inner) =>
        new($"{participant} {what} when asked to {operation} for order {orderId}", inner, SagaErrorTypes.ParticipantUnavailable,
            nonRetryable: false, nextRetryDelay: retryAfter is { } delay && delay > TimeSpan.Zero ? delay : null);

    /// <summary>The machine-readable <c>reason</c> extension of a ProblemDetails body, if there is one.</summary>
    public static string? ReasonOf(string? problemJson)
    {
        if (string.IsNullOrWhiteSpace(problemJson))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(problemJson);
            return document.RootElement.ValueKind == JsonValueKind.Object &&
                   document.RootElement.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String
                ? reason.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
