using System.Text.Json.Serialization;
using Commerce.Bff.Mobile.Edge;
using Commerce.Bff.Mobile.OpenApi;
using Microsoft.AspNetCore.ResponseCompression;

namespace Commerce.Bff.Mobile;

public static class Extensions
{
    /// <summary>The mobile BFF: bearer tokens for <c>bff-mobile</c>, the phone's screens over the services' Refit clients.</summary>
    public static IHostApplicationBuilder AddMobileBff(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<MobileLimits>().BindConfiguration(MobileLimits.Section);
        var limits = builder.Configuration.GetSection(MobileLimits.Section).Get<MobileLimits>() ?? new MobileLimits();

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

        builder.Services.AddProductImageProxy(TimeSpan.FromSeconds(2));
        builder.Services.AddMobileOpenApi();
        return builder;
    }
}
