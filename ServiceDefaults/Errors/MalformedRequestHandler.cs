using System.Text.Json;
using System.Text.RegularExpressions;
using Commerce.ServiceDefaults.Input;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Commerce.ServiceDefaults.Errors;

/// <summary>
/// Turns a request that could not even be bound (a non-number where a number belongs, unreadable JSON) into a 400
/// ValidationProblemDetails whose <c>errors</c> name the offending field, like any other validation failure.
/// </summary>
internal sealed partial class MalformedRequestHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        httpContext.Response.StatusCode = badRequest.StatusCode;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ValidationProblemDetails(FieldErrorsOf(badRequest))
            {
                Status = badRequest.StatusCode,
                Title = "The request is malformed.",
                Detail = badRequest.Message,
            },
        });
    }

    /// <summary>The offending field and why, when the failure names one; shared with endpoints that read a body themselves.</summary>
    internal static Dictionary<string, string[]> FieldErrorsOf(BadHttpRequestException badRequest)
    {
        var errors = new Dictionary<string, string[]>();
        if (FieldOf(badRequest) is { } field)
        {
            errors[field] = [badRequest.InnerException is UnstorableTextException unstorable ? unstorable.Reason : $"The value of {field} is not valid here."];
        }

        return errors;
    }

    /// <summary>The JSON path of a body that failed to deserialize, else the parameter named in the binder's message.</summary>
    private static string? FieldOf(BadHttpRequestException exception)
    {
        if (exception.InnerException is JsonException { Path: { Length: > 2 } path } && path.StartsWith("$.", StringComparison.Ordinal))
        {
            return path[2..];
        }

        var match = ParameterInMessage().Match(exception.Message);
        return match.Success ? JsonNamingPolicy.CamelCase.ConvertName(match.Groups["name"].Value) : null;
    }

    // The binder's messages read: Failed to bind parameter "Nullable<int> pageSize" from "abc".
    [GeneratedRegex("""parameter "(?:[^"]*\s)?(?<name>[A-Za-z_][A-Za-z0-9_]*)"[^"]*""")]
    private static partial Regex ParameterInMessage();
}
