using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.ServiceDefaults.Validation;

public static class ValidationExtensions
{
    /// <summary>
    /// Validates the endpoint's <typeparamref name="TRequest"/> argument with its FluentValidation validator before the
    /// handler runs; an invalid request is answered 400 ValidationProblemDetails keyed by the JSON (camelCase) field
    /// names, and the handler never sees it.
    /// </summary>
    public static RouteHandlerBuilder WithValidation<TRequest>(this RouteHandlerBuilder builder) => builder
        .AddEndpointFilter<ValidationFilter<TRequest>>()
        .ProducesValidationProblem();

    /// <summary>FluentValidation's property paths (<c>Lines[0].Quantity</c>) as the client wrote them (<c>lines[0].quantity</c>).</summary>
    public static Dictionary<string, string[]> ToFieldErrors(this ValidationResult result) => result.Errors
        .GroupBy(error => ToJsonPath(error.PropertyName), StringComparer.Ordinal)
        .ToDictionary(group => group.Key, group => group.Select(error => error.ErrorMessage).Distinct().ToArray(), StringComparer.Ordinal);

    private static string ToJsonPath(string propertyPath) =>
        string.Join('.', propertyPath.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));

    private sealed class ValidationFilter<TRequest>(IValidator<TRequest> validator) : IEndpointFilter
    {
        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            var request = context.Arguments.OfType<TRequest>().SingleOrDefault();
            if (request is null)
            {
                return await next(context);
            }

            var result = await validator.ValidateAsync(request, context.HttpContext.RequestAborted);
            return result.IsValid
                ? await next(context)
                : TypedResults.ValidationProblem(result.ToFieldErrors(), title: "The request is invalid.");
        }
    }
}
