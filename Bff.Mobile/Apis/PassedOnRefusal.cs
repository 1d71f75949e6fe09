using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Refit;

namespace Commerce.Bff.Mobile.Apis;

/// <summary>
/// A service's refusal passed on as the BFF's own ProblemDetails: the same status, title and detail, the field errors
/// under the names the app sent them with, and the extensions an app branches on; nothing else of the service's answer
/// (its trace id, its internals) travels further.
/// </summary>
internal static class PassedOnRefusal
{
    private static readonly string[] KeptExtensions = ["reason", "field", "productIds", "currencies"];

    /// <typeparam name="TSuccess">What the endpoint answers when the service does not refuse.</typeparam>
    /// <param name="fieldNames">Renames a field path of the service's request to the app's (Ordering's <c>lines</c> are the cart's <c>items</c>).</param>
    public static async Task<Results<TSuccess, ValidationProblem, ProblemHttpResult>> FromAsync<TSuccess>(ApiException refusal, Func<string, string>? fieldNames = null)
        where TSuccess : IResult
    {
        var problem = await refusal.GetContentAsAsync<HttpValidationProblemDetails>() ?? new HttpValidationProblemDetails();
        var rename = fieldNames ?? (name => name);
        var extensions = KeptExtensions
            .Where(problem.Extensions.ContainsKey)
            .ToDictionary(key => key, key => key == "field" && problem.Extensions[key] is JsonElement { ValueKind: JsonValueKind.String } field
                ? rename(field.GetString()!)
                : problem.Extensions[key]);
        var status = (int)refusal.StatusCode;
        if (status == StatusCodes.Status400BadRequest && problem.Errors.Count > 0)
        {
            return TypedResults.ValidationProblem(
                problem.Errors.ToDictionary(error => rename(error.Key), error => error.Value),
                problem.Detail,
                title: problem.Title ?? "The request is invalid.",
                extensions: extensions);
        }

        return TypedResults.Problem(problem.Detail, statusCode: status, title: problem.Title, type: problem.Type, extensions: extensions);
    }
}
