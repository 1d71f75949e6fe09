using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Bff.Shared;

/// <summary>
/// One fixed window of requests per client, over the whole BFF: each BFF says who a client is (a customer, an IP
/// address). A refused request gets a 429 ProblemDetails with Retry-After, so a well-behaved client knows when to retry.
/// </summary>
public static class ClientRateLimits
{
    public static IServiceCollection AddClientRateLimits(this IServiceCollection services, Func<HttpContext, string> clientKey, BffLimits limits) =>
        services.AddRateLimiter(rateLimiter =>
        {
            rateLimiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                RateLimitPartition.GetFixedWindowLimiter(clientKey(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.PermitsPerWindow,
                    Window = limits.Window,
                    QueueLimit = 0,
                }));
            rateLimiter.OnRejected = RefuseTooManyRequestsAsync;
        });

    private static async ValueTask RefuseTooManyRequestsAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var context = rejected.HttpContext;
        context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        var problem = TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests",
            detail: "Slow down and retry after the number of seconds in Retry-After.",
            type: "https://tools.ietf.org/html/rfc6585#section-4");
        await problem.ExecuteAsync(context);
    }
}
