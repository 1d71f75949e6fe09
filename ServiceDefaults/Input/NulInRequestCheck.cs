using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Commerce.ServiceDefaults.Input;

/// <summary>
/// Refuses a NUL in a query parameter or a header with a 400 naming it, before routing and binding. Checking the
/// raw text matters beyond storage: .NET's number parsing ignores trailing NULs, so <c>pageSize=5%00</c> would
/// otherwise bind as 5. A NUL in the path (so in a route value) never gets this far: the server's URL decoder refuses
/// the request line with a 400 of its own.
/// </summary>
internal sealed class NulInRequestCheck(RequestDelegate next, IProblemDetailsService problemDetails)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (FieldWithNul(context.Request) is { } field)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await problemDetails.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [StorableText.NulMessage] })
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = "The request is malformed.",
                },
            });
            return;
        }

        await next(context);
    }

    private static string? FieldWithNul(HttpRequest request)
    {
        foreach (var (name, values) in request.Query)
        {
            if (StorableText.HasNul(name) || values.Any(StorableText.HasNul))
            {
                return name;
            }
        }

        foreach (var (name, values) in request.Headers)
        {
            if (values.Any(StorableText.HasNul))
            {
                return name;
            }
        }

        return null;
    }
}
