using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.ServiceDefaults.Errors;

public static class ProblemDetailsExtensions
{
    /// <summary>
    /// Every error leaves as RFC 9457 ProblemDetails carrying the trace id and the request: malformed input is a 400 naming the field,
    /// a transient downstream fault a 503 with Retry-After, anything else a 500 without internals.
    /// </summary>
    public static IServiceCollection AddCommerceProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            // ASP.NET Core already adds traceId; say which request it was, too.
            context.ProblemDetails.Instance ??= $"{context.HttpContext.Request.Method} {context.HttpContext.Request.Path}";
        });

        // Minimal APIs only throw binding failures when asked to; otherwise they answer a bare 400 with no body,
        // which tells a client nothing about which field was wrong.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddExceptionHandler<MalformedRequestHandler>();
        services.AddExceptionHandler<TransientFaultHandler>();
        return services;
    }
}
