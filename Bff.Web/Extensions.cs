using Commerce.Bff.Shared;
using Commerce.Bff.Web.Aggregation;
using Commerce.Bff.Web.Edge;
using Commerce.Catalog.Contracts;
using Commerce.Inventory.Contracts;
using Commerce.Notifications.Contracts;
using Commerce.Ordering.Contracts;
using Commerce.Payments.Contracts;
using Commerce.Shipping.Contracts;
using FluentValidation;

namespace Commerce.Bff.Web;

public static class Extensions
{
    public const string CatalogCachePolicy = "anonymous-catalog";

    public static IHostApplicationBuilder AddWebBff(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<BffLimits>().BindConfiguration("Bff:Limits");
        builder.Services.AddOptions<Apis.OrderStreamOptions>().BindConfiguration(Apis.OrderStreamOptions.Section);
        var limits = builder.Configuration.GetSection("Bff:Limits").Get<BffLimits>() ?? new BffLimits();
        builder.AddStorefrontSignIn();

        builder.Services.AddServiceClient<ICatalogApi>("catalog");
        builder.Services.AddServiceClient<IInventoryApi>("inventory");
        builder.Services.AddServiceClient<IShippingApi>("shipping");
        builder.Services.AddServiceClient<IOrderingApi>("ordering");
        builder.Services.AddServiceClient<IPaymentsApi>("payments");
        builder.Services.AddServiceClient<INotificationsApi>("notifications");
        builder.AddBffAggregation();
        builder.Services.AddValidatorsFromAssemblyContaining<CatalogScreens>(ServiceLifetime.Singleton, includeInternalTypes: false);
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
        builder.Services.AddClientRateLimits(ClientKey, limits);
        return builder;
    }

    /// <summary>
    /// A signed-in customer (the session's <c>sub</c>) is limited as one client on every device; anyone else by IP
    /// address. Authentication runs before the limiter, so the session is known here.
    /// </summary>
    private static string ClientKey(HttpContext context) =>
        context.User.CustomerIdOrNull() is { } customerId
            ? $"customer:{customerId}"
            : $"ip:{context.Connection.RemoteIpAddress}";
}
