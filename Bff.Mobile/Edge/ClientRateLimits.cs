using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Commerce.Bff.Mobile.Edge;

public static class ClientRateLimits
{
    /// <summary>
    /// One fixed window per client: a customer (the token's <c>sub</c>) is one client on every phone they use, anyone
    /// else is their IP address. Authentication runs before the limiter, so the token is known here; a call with a
    /// token that failed validation counts against its IP address, so inventing tokens buys nothing.
    /// </summary>
    public static IServiceCollection AddClientRateLimits(this IServiceCollection services, MobileLimits limits) =>
        services.AddRateLimiter(rateLimiter =>
        {
            rateLimiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                RateLimitPartition.GetFixedWindowLimiter(ClientKey(context), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.PermitsPerWindow,
                    Window = limits.Window,
                    QueueLimit = 0,
                }));
            rateLimiter.OnRejected = RefuseTooManyRequestsAsync;
        });

    private static string ClientKey(HttpContext context) =>
        context.User.CustomerIdOrNull() is { } customerId
            ? $"customer:{customerId}"
            : $"ip:{context.Connection.RemoteIpAddress}";

    private static async ValueTask RefuseTooManyRequestsAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var context = rejected.HttpContext;
        context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests",
            detail: "Slow down and retry after the number of seconds in Retry-After.",
            type: "https://tools.ietf.org/html/rfc6585#section-4").ExecuteAsync(context);
    }
}
