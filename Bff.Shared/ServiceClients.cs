using Microsoft.Extensions.DependencyInjection;
using Refit;

namespace Commerce.Bff.Shared;

/// <summary>How a BFF reaches a service: its Refit interface at the name the AppHost gives it.</summary>
public static class ServiceClients
{
    /// <summary>
    /// Service discovery and the standard resilience handler come with every client (ServiceDefaults); each screen bounds
    /// every call by its own budget (<see cref="BffTimeouts"/>), which includes the handler's retries.
    /// </summary>
    public static IHttpClientBuilder AddServiceClient<TApi>(this IServiceCollection services, string serviceName) where TApi : class =>
        services.AddRefitGeneratedClient<TApi>()
            .ConfigureHttpClient(client => client.BaseAddress = new Uri($"https+http://{serviceName}"));
}
