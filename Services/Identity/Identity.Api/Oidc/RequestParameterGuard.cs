using Microsoft.Extensions.Primitives;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Commerce.Identity.Api.Oidc;

/// <summary>
/// Refuses, with 400, a query or form parameter that holds a control character (PostgreSQL cannot store a NUL, and a
/// header cannot carry one) or is longer than any honest parameter, before OpenIddict or a page looks it up in the
/// database or echoes it into a redirect. The OpenID Connect endpoints answer as OAuth does
/// (<c>invalid_request</c>), the pages with ProblemDetails naming the parameter.
/// </summary>
public sealed class RequestParameterGuard(RequestDelegate next)
{
    public const int MaxParameterLength = 4096;

    public async Task InvokeAsync(HttpContext context)
    {
        var refused = Refusal(context.Request.Query);
        if (refused is null && context.Request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await context.Request.ReadFormAsync(context.RequestAborted);
            }
            catch (InvalidDataException problem)
            {
                await RefuseAsync(context, "form", $"The form cannot be read: {problem.Message}");
                return;
            }

            refused = Refusal(form);
        }

        if (refused is { } refusal)
        {
            await RefuseAsync(context, refusal.Name, refusal.Reason);
            return;
        }

        await next(context);
    }

    private static (string Name, string Reason)? Refusal(IEnumerable<KeyValuePair<string, StringValues>> parameters)
    {
        foreach (var (name, values) in parameters)
        {
            if (name.Length > MaxParameterLength || HasControlCharacter(name))
            {
                return ("parameter", "A parameter name is too long or holds a control character.");
            }

            foreach (var value in values)
            {
                if (value is null)
                {
                    continue;
                }

                if (value.Length > MaxParameterLength)
                {
                    return (name, $"'{name}' is longer than {MaxParameterLength} characters.");
                }

                if (HasControlCharacter(value))
                {
                    return (name, $"'{name}' holds a control character.");
                }
            }
        }

        return null;
    }

    // Tab and line breaks are ordinary text; the other C0 controls (NUL first of all) never are.
    private static bool HasControlCharacter(string text) =>
        text.Any(c => c < ' ' && c is not ('\t' or '\n' or '\r'));

    private static Task RefuseAsync(HttpContext context, string name, string reason)
    {
        if (context.Request.Path.StartsWithSegments("/connect") || context.Request.Path.StartsWithSegments(OpenIddictSetup.EndSessionPath))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return context.Response.WriteAsJsonAsync(new Dictionary<string, string>
            {
                [Parameters.Error] = Errors.InvalidRequest,
                [Parameters.ErrorDescription] = reason,
            });
        }

        return Results.ValidationProblem(new Dictionary<string, string[]> { [name] = [reason] }).ExecuteAsync(context);
    }
}
