using Commerce.Bff.Mobile.Client;
using Commerce.ServiceDefaults.Validation;
using FluentValidation;

namespace Commerce.Bff.Mobile.Apis;

public static class IdempotencyKeyCheck
{
    /// <summary>
    /// Refuses a request whose <see cref="MobileHeaders.IdempotencyKey"/> is missing, repeated or malformed with a 400
    /// naming the header as the app writes it.
    /// </summary>
    public static RouteHandlerBuilder RequireIdempotencyKey(this RouteHandlerBuilder builder) => builder
        .AddEndpointFilter(async (context, next) =>
        {
            var headers = context.HttpContext.Request.Headers[MobileHeaders.IdempotencyKey];
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
