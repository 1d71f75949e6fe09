using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Bff.Shared;

/// <summary>The <see cref="IdempotencyKeyCheck.Header"/> header of a request; null unless it came exactly once.</summary>
public sealed record IdempotencyKey(string? Value);

/// <summary>The filter in front of an endpoint that places an order, so that a retried attempt places one order only.</summary>
public static class IdempotencyKeyCheck
{
    /// <summary>Made once per attempt by the client and sent again on every retry of it; Ordering's own header.</summary>
    public const string Header = "Idempotency-Key";

    /// <summary>
    /// Refuses a request whose <see cref="Header"/> is missing, repeated or malformed with a 400 ValidationProblem naming
    /// the header as the client wrote it (not camel-cased like a body's fields).
    /// </summary>
    public static RouteHandlerBuilder RequireIdempotencyKey(this RouteHandlerBuilder builder) => builder
        .AddEndpointFilter(async (context, next) =>
        {
            var headers = context.HttpContext.Request.Headers[Header];
            var validator = context.HttpContext.RequestServices.GetRequiredService<IValidator<IdempotencyKey>>();
            var result = await validator.ValidateAsync(new IdempotencyKey(headers.Count == 1 ? headers[0] : null), context.HttpContext.RequestAborted);
            return result.IsValid
                ? await next(context)
                : TypedResults.ValidationProblem(
                    result.Errors.GroupBy(error => error.PropertyName).ToDictionary(group => group.Key, group => group.Select(error => error.ErrorMessage).ToArray()),
                    title: "The request is invalid.");
        })
        .ProducesValidationProblem();
}
