using Commerce.ServiceDefaults.Errors;
using Commerce.ServiceDefaults.Faults;
using Commerce.ServiceDefaults.Input;
using Commerce.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// The defaults every Commerce deployable starts from: telemetry, health, service discovery, resilience and
/// ProblemDetails, the refusal of input no endpoint may receive, and the fault switches (off unless configured). The
/// same shape as Aspire's service defaults, built only from packages that restore everywhere.
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Tag of the checks that say the process is up (<c>/alive</c>); every check counts for <c>/health</c>.</summary>
    public const string LiveTag = "live";

    internal const string HealthPath = "/health";
    internal const string AlivePath = "/alive";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();
        // Web hosts register it already; worker hosts do not. Code that tests may want to fast-forward asks for it.
        builder.Services.TryAddSingleton(TimeProvider.System);

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });

        builder.Services.AddCommerceProblemDetails();
        builder.Services.AddCommerceInputChecks();
        // After the input checks, so a request they refuse is refused before any switch sees it.
        builder.Services.AddCommerceFaultSwitches();
        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation())
            .WithTracing(tracing => tracing
                .SetSampler(new ParentBasedSampler(new BackgroundClientSpansDropped()))
                .AddSource(builder.Environment.ApplicationName)
                // Probes hit these every few seconds; their spans would drown the ones that matter.
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context =>
                    !context.Request.Path.StartsWithSegments(HealthPath) &&
                    !context.Request.Path.StartsWithSegments(AlivePath))
                .AddHttpClientInstrumentation());

        // Aspire (and any OTLP collector in production) announces itself through this variable.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        return builder;
    }

    /// <summary>
    /// Maps <c>/health</c> (ready: every registered dependency is healthy) and <c>/alive</c> (the process answers).
    /// Both are mapped in every environment because Container Apps probes them; the per-check report is written
    /// only in Development, so production does not reveal its dependencies to whoever can reach the port.
    /// </summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        var detailed = app.Environment.IsDevelopment();

        app.MapHealthChecks(HealthPath, new HealthCheckOptions
        {
            ResponseWriter = detailed ? HealthReportWriter.WriteDetailedAsync : HealthReportWriter.WriteStatusAsync,
        });
        app.MapHealthChecks(AlivePath, new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(LiveTag),
            ResponseWriter = HealthReportWriter.WriteStatusAsync,
        });

        return app;
    }
}
