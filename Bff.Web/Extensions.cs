using System.Threading.RateLimiting;
using Commerce.Bff.Web.Aggregation;
using Commerce.Bff.Web.Edge;
using Commerce.Catalog.Contracts;
using Commerce.Inventory.Contracts;
using Commerce.Notifications.Contracts;
using Commerce.Ordering.Contracts;
using Commerce.Payments.Contracts;
using Commerce.Shipping.Contracts;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.RateLimiting;
using Refit;

namespace Commerce.Bff.Web;

public static class Extensions
{
    public const string CatalogCachePolicy = "anonymous-catalog";

    public static IHostApplicationBuilder AddWebBff(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<BffTimeouts>().BindConfiguration("Bff:Timeouts");
        builder.Services.AddOptions<BffLimits>().BindConfiguration("Bff:Limits");
        builder.Services.AddOptions<Apis.OrderStreamOptions>().BindConfiguration(Apis.OrderStreamOptions.Section);
        var limits = builder.Configuration.GetSection("Bff:Limits").Get<BffLimits>() ?? new BffLimits();
        builder.AddStorefrontSignIn();

        // Service discovery and the standard resilience handler come with every client (ServiceDefaults); each
        // screen bounds every call by its own budget (BffTimeouts), which includes the handler's retries.
        AddServiceClient<ICatalogApi>(builder.Services, "catalog");
        AddServiceClient<IInventoryApi>(builder.Services, "inventory");
        AddServiceClient<IShippingApi>(builder.Services, "shipping");
        AddServiceClient<IOrderingApi>(builder.Services, "ordering");
        AddServiceClient<IPaymentsApi>(builder.Services, "payments");
        AddServiceClient<INotificationsApi>(builder.Services, "notifications");
        builder.Services.AddSingleton<ProductDetailAggregator>();
        builder.Services.AddSingleton<CartPricer>();
        builder.Services.AddSingleton<AddressCheck>();
        builder.Services.AddValidatorsFromAssemblyContaining<CartPricer>(ServiceLifetime.Singleton, includeInternalTypes: false);
        builder.Services.AddSingleton<CustomerNotifications>();
        builder.Services.AddSingleton<CatalogScreens>();
        builder.Services.AddMemoryCache();

        // The storefront: pages rendered on the server, and the parts that must run in the browser (cart, checkout,
        // the live order) as WebAssembly islands in them.
        builder.Services.AddRazorComponents().AddInteractiveWebAssemblyComponents();

        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel =>
            kestrel.Limits.MaxRequestBodySize = limits.MaxRequestBodyBytes);
        builder.Services.AddOutputCache(cache => cache.AddPolicy(CatalogCachePolicy, policy => policy
            .Expire(limits.CatalogCacheDuration)
            .SetVaryByQuery("*")));
        builder.Services.AddRateLimiter(rateLimiter =>
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
        return builder;
    }

    private static void AddServiceClient<TApi>(IServiceCollection services, string serviceName) where TApi : class =>
        services.AddRefitGeneratedClient<TApi>()
            .ConfigureHttpClient(client => client.BaseAddress = new Uri($"https+http://{serviceName}"));

    /// <summary>
    /// A signed-in customer (the session's <c>sub</c>) is limited as one client on every device; anyone else by IP
    /// address. Authentication runs before the limiter, so the session is known here.
    /// </summary>
    private static string ClientKey(HttpContext context) =>
        context.User.CustomerIdOrNull() is { } customerId
            ? $"customer:{customerId}"
            : $"ip:{context.Connection.RemoteIpAddress}";

    private static async ValueTask RefuseTooManyRequestsAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var context = rejected.HttpContext;
        context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var problem = TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests",
            detail: "Slow down and retry after the number of seconds in Retry-After.",
            type: "https://tools.ietf.org/html/rfc6585#section-4");
        await problem.ExecuteAsync(context);
    }
}
