using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.ServiceDefaults.Input;

public static class InputExtensions
{
    /// <summary>
    /// Input no endpoint may receive, refused once for all of them: a NUL anywhere in a request (JSON strings, query,
    /// headers) or half a surrogate pair in a JSON string is a 400 naming the field, a JSON body in an unknown charset a 415.
    /// </summary>
    public static IServiceCollection AddCommerceInputChecks(this IServiceCollection services)
    {
        services.Configure<JsonOptions>(options => options.SerializerOptions.Converters.Add(new StorableStringConverter()));
        services.AddTransient<IStartupFilter, InputChecksStartupFilter>();
        return services;
    }

    // A startup filter puts the checks ahead of every service's own pipeline, so no Program.cs can forget them.
    private sealed class InputChecksStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseMiddleware<UnknownCharsetCheck>();
            app.UseMiddleware<NulInRequestCheck>();
            next(app);
        };
    }
}
