using Commerce.Bff.Web.Client.Screens;
using FluentValidation;

namespace Commerce.Bff.Web.Apis;

/// <summary>The <see cref="StorefrontHeaders.IdempotencyKey"/> header of a request; null unless it came exactly once.</summary>
public sealed record IdempotencyKey(string? Value);

public static class IdempotencyKeyCheck
{
    /// <summary>
    /// Refuses a request whose <see cref="StorefrontHeaders.IdempotencyKey"/> is missing, repeated or malformed with a 400
    /// ValidationProblem naming the header as the client wrote it (not camel-cased like a body's fields).
    /// </summary>
    public static RouteHandlerBuilder RequireIdempotencyKey(this RouteHandlerBuilder builder) => builder
        .AddEndpointFilter(async (context, next) =>
        {
            var headers = context.HttpContext.Request.Headers[StorefrontHeaders.IdempotencyKey];
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
