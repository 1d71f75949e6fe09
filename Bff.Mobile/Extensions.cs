using System.Text.Json.Serialization;
using Commerce.Bff.Mobile.Edge;
using Commerce.Bff.Mobile.OpenApi;
using Commerce.Bff.Mobile.Screens;
using Commerce.Bff.Shared;
using Commerce.Catalog.Contracts;
using Commerce.Inventory.Contracts;
using Commerce.Ordering.Contracts;
using Commerce.Payments.Contracts;
using Commerce.Shipping.Contracts;
using FluentValidation;
using Microsoft.AspNetCore.ResponseCompression;

namespace Commerce.Bff.Mobile;

public static class Extensions
{
    /// <summary>The sections the shared budgets and limits are read from, as in the web BFF.</summary>
    private const string LimitsSection = "Bff:Limits";
    private const string TimeoutsSection = "Bff:Timeouts";

    /// <summary>The mobile BFF: bearer tokens for <c>bff-mobile</c>, the phone's screens over the services' Refit clients.</summary>
    public static IHostApplicationBuilder AddMobileBff(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<BffLimits>().BindConfiguration(LimitsSection);
        var limits = builder.Configuration.GetSection(LimitsSection).Get<BffLimits>() ?? new BffLimits();
        var timeouts = builder.Configuration.GetSection(TimeoutsSection).Get<BffTimeouts>() ?? new BffTimeouts();

        builder.AddBffAggregation();
        builder.Services.AddServiceClient<ICatalogApi>("catalog");
        builder.Services.AddServiceClient<IInventoryApi>("inventory");
        builder.Services.AddServiceClient<IShippingApi>("shipping");
        builder.Services.AddServiceClient<IOrderingApi>("ordering");
        builder.Services.AddServiceClient<IPaymentsApi>("payments");
        builder.Services.AddSingleton<CatalogScreens>();
        builder.Services.AddValidatorsFromAssemblyContaining<CatalogScreens>(ServiceLifetime.Singleton, includeInternalTypes: false);

        builder.AddBearerTokens();
        // A customer (the token's sub) is one client on every phone they use, anyone else is their IP address. A call
        // whose token failed validation counts against its IP address, so inventing tokens buys nothing.
        builder.Services.AddClientRateLimits(
            context => context.User.CustomerIdOrNull() is { } customerId ? $"customer:{customerId}" : $"ip:{context.Connection.RemoteIpAddress}",
            limits);
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
}
