using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Refit;

namespace Commerce.Bff.Shared;

/// <summary>
/// A service's refusal passed on to the client as the BFF's own ProblemDetails: the same status, title and detail, the
/// field errors under the names the BFF's own request gave them, and the extensions a client branches on. Nothing else of
/// the service's answer (its trace id, its internals) travels further.
/// </summary>
public static class PassedOnRefusal
{
    private static readonly string[] KeptExtensions = ["reason", "field", "productIds", "currencies"];

    /// <typeparam name="TCreated">What the endpoint creates when the service does not refuse.</typeparam>
    /// <param name="fieldNames">Renames a field path of the service's request to the BFF's request's (Ordering's <c>lines</c> may be a cart's <c>items</c>).</param>
    public static async Task<Results<Created<TCreated>, ValidationProblem, ProblemHttpResult>> FromAsync<TCreated>(
        ApiException refusal, Func<string, string>? fieldNames = null)
    {
        var problem = await refusal.GetContentAsAsync<HttpValidationProblemDetails>() ?? new HttpValidationProblemDetails();
        var rename = fieldNames ?? (name => name);
        var extensions = KeptExtensions
            .Where(problem.Extensions.ContainsKey)
            .ToDictionary(key => key, key => key == "field" && ProblemExtensionValue.AsString(problem.Extensions[key]) is { } field
                ? rename(field)
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
