using Commerce.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Workflows.Tests;

/// <summary>One real participant service in-process (<see cref="ServiceFactory{TEntryPoint}"/>), with settings of the test's own.</summary>
public sealed class ParticipantHost<TEntryPoint>(string name) : ServiceFactory<TEntryPoint>(name) where TEntryPoint : class
{
    /// <summary>Settings beyond the database, the broker and the log level.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    public Action<IServiceCollection>? ConfigureServices { get; init; }

    protected override void ConfigureService(IWebHostBuilder builder)
    {
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (ConfigureServices is { } configure)
        {
            builder.ConfigureTestServices(configure);
        }
    }
}
