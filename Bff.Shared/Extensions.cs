using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Commerce.Bff.Shared;

public static class Extensions
{
    /// <summary>
    /// The budgets (<c>Bff:Timeouts</c>) and the aggregations every BFF shares. The services' clients are each BFF's
    /// to add (<see cref="ServiceClients.AddServiceClient{TApi}"/>): catalog, inventory, shipping and ordering at least.
    /// </summary>
    public static IHostApplicationBuilder AddBffAggregation(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<BffTimeouts>().BindConfiguration("Bff:Timeouts");
        builder.Services.AddSingleton<ProductDetailAggregator>();
        builder.Services.AddSingleton<CartPricer>();
        builder.Services.AddSingleton<AddressCheck>();
        builder.Services.AddSingleton<CheckoutPlacement>();
        builder.Services.AddSingleton<CardTokenization>();
        builder.Services.AddValidatorsFromAssemblyContaining<CartPricer>(ServiceLifetime.Singleton, includeInternalTypes: false);
        return builder;
    }
}
