using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Commerce.ServiceDefaults.Input;

/// <summary>
/// Answers a JSON body in a charset no decoder exists for (<c>application/json; charset=foo</c>) with 415 naming the
/// Content-Type header. Left to the framework, reading such a body throws an InvalidOperationException, a 500.
/// </summary>
internal sealed class UnknownCharsetCheck(RequestDelegate next, IProblemDetailsService problemDetails)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (UnknownCharsetOf(context.Request) is not { } charset)
        {
            await next(context);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
        await problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ValidationProblemDetails(new Dictionary<string, string[]>
            {
                [HeaderNames.ContentType] = [$"The charset '{charset}' is not one this service can read; send UTF-8."],
            })
            {
                Status = StatusCodes.Status415UnsupportedMediaType,
                Title = "The request body's charset is not supported.",
            },
        });
    }

    private static string? UnknownCharsetOf(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType) || !IsJson(mediaType))
        {
            return null;
        }

        var charset = mediaType.Charset;
        if (charset.Length == 0)
        {
            return null;
        }

        try
        {
            // Exactly the lookup the framework makes when it reads the body (quotes included, which it does not strip).
            _ = Encoding.GetEncoding(charset.ToString());
            return null;
        }
        catch (ArgumentException)
        {
            return charset.ToString();
        }
    }

    private static bool IsJson(MediaTypeHeaderValue mediaType) =>
        mediaType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) ||
        mediaType.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase);
}
