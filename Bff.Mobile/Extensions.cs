using System.Text.Json.Serialization;
using Commerce.Bff.Mobile.Edge;
using Commerce.Bff.Mobile.OpenApi;
using Commerce.Bff.Mobile.Screens;
using Commerce.Catalog.Contracts;
using Commerce.Inventory.Contracts;
using Commerce.Ordering.Contracts;
using Commerce.Payments.Contracts;
using Commerce.Shipping.Contracts;
using FluentValidation;
using Microsoft.AspNetCore.ResponseCompression;
using Refit;

namespace Commerce.Bff.Mobile;

public static class Extensions
{
    /// <summary>The mobile BFF: bearer tokens for <c>bff-mobile</c>, the phone's screens over the services' Refit clients.</summary>
    public static IHostApplicationBuilder AddMobileBff(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MobileLimits>().BindConfiguration(MobileLimits.Section);
        builder.Services.AddOptions<MobileTimeouts>().BindConfiguration(MobileTimeouts.Section);
        var limits = builder.Configuration.GetSection(MobileLimits.Section).Get<MobileLimits>() ?? new MobileLimits();
        var timeouts = builder.Configuration.GetSection(MobileTimeouts.Section).Get<MobileTimeouts>() ?? new MobileTimeouts();

        // Service discovery and the standard resilience handler come with every client (ServiceDefaults); each screen
        // bounds every call by its own budget (MobileTimeouts), which includes the handler's retries.
        AddServiceClient<ICatalogApi>(builder.Services, "catalog");
        AddServiceClient<IInventoryApi>(builder.Services, "inventory");
        AddServiceClient<IShippingApi>(builder.Services, "shipping");
        AddServiceClient<IOrderingApi>(builder.Services, "ordering");
        AddServiceClient<IPaymentsApi>(builder.Services, "payments");
        builder.Services.AddSingleton<CatalogScreens>();
        builder.Services.AddSingleton<CartPricing>();
        builder.Services.AddSingleton<AddressCheck>();
        builder.Services.AddValidatorsFromAssemblyContaining<CatalogScreens>(ServiceLifetime.Singleton, includeInternalTypes: false);

        builder.AddBearerTokens();
        builder.Services.AddClientRateLimits(limits);
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel =>
            kestrel.Limits.MaxRequestBodySize = limits.MaxRequestBodyBytes);

        // Compact on the wire: nulls are left out (a screen's absent part is simply not there), names are camelCase.
        builder.Services.ConfigureHttpJsonOptions(json =>
            json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull);
        builder.Services.AddResponseCompression(compression =>
        {
            // Over HTTPS too. BREACH needs a secret in a compressed body beside text an attacker chooses, and an
            // attacker's page able to make the victim's client send credentialed requests: calls here carry their
            // token in a header the app adds, never a cookie a browser adds by itself, so no other page can make them.
            compression.EnableForHttps = true;
            compression.Providers.Add<BrotliCompressionProvider>();
            compression.Providers.Add<GzipCompressionProvider>();
            compression.MimeTypes = [.. ResponseCompressionDefaults.MimeTypes, "application/problem+json", "image/svg+xml"];
        });

        builder.Services.AddProductImageProxy(timeouts.Catalog);
        builder.Services.AddMobileOpenApi();
        return builder;
    }

    private static void AddServiceClient<TApi>(IServiceCollection services, string serviceName) where TApi : class =>
        services.AddRefitGeneratedClient<TApi>()
            .ConfigureHttpClient(client => client.BaseAddress = new Uri($"https+http://{serviceName}"));
}
