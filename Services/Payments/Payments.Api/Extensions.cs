using Commerce.Payments.Api.Data;
using Commerce.Payments.Api.Processing;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Commerce.Payments.Api;

public static class Extensions
{
    public const string DatabaseName = "paymentsdb";
    public const string ServiceName = "payments";

    public static IHostApplicationBuilder AddPayments(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource(DatabaseName);
        builder.AddSqlMigrations(typeof(Extensions).Assembly);
        builder.AddMessaging(ServiceName);

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptions<PaymentsOptions>()
            .BindConfiguration("Payments")
            .Validate(options => options.ProcessorTimeout > TimeSpan.Zero, "Payments:ProcessorTimeout must be positive.")
            .Validate(options => options.ProcessorRetryAfter >= TimeSpan.Zero, "Payments:ProcessorRetryAfter must not be negative.")
            .ValidateOnStart();

        // The simulated network stands in for a real one; a real integration registers itself before this line.
        builder.Services.TryAddSingleton<ICardProcessor, SimulatedCardProcessor>();
        builder.Services.AddSingleton<CardPayments>();
        builder.Services.AddSingleton<PaymentStore>();
        builder.Services.AddSingleton<CardTokenStore>();
        builder.Services.AddValidatorsFromAssemblyContaining<PaymentStore>(ServiceLifetime.Singleton, includeInternalTypes: false);
        builder.Services.AddOpenApi();
        return builder;
    }
}
