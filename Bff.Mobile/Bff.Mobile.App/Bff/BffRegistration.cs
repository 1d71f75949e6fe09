using Commerce.Bff.Mobile.Client;
using Refit;

namespace Commerce.Bff.Mobile.App.Bff;

public static class BffRegistration
{
    /// <summary>The one backend the app talks to: Bff.Mobile, on the app's own origin, through the contract's Refit interface.</summary>
    public static IServiceCollection AddMobileBff(this IServiceCollection services, Uri origin)
    {
        services.AddTransient<CustomerTokenHandler>();
        services.AddRefitGeneratedClient<IMobileBffApi>()
            .ConfigureHttpClient(http => http.BaseAddress = origin)
            .AddHttpMessageHandler<CustomerTokenHandler>();
        return services;
    }
}
