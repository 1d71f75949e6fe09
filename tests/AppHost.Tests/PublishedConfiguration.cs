using System.Runtime.ExceptionServices;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Logging.Abstractions;

namespace Commerce.AppHost.Tests;

/// <summary>A resource's command line and environment as the model gives them, without starting anything.</summary>
internal static class PublishedConfiguration
{
    // Publish: every reference resolves to its deployment expression ({temporal.bindings.grpc.host}, …) instead of
    // waiting for the port of a resource that was never started.
    public static async Task<IExecutionConfigurationResult> ResolveAsync(
        IResource resource, IServiceProvider services, CancellationToken cancellationToken)
    {
        var publish = new DistributedApplicationExecutionContext(
            new DistributedApplicationExecutionContextOptions(DistributedApplicationOperation.Publish) { Services = services });
        var configuration = await ExecutionConfigurationBuilder.Create(resource)
            .WithArgumentsConfig()
            .WithEnvironmentVariablesConfig()
            .BuildAsync(publish, NullLogger.Instance, cancellationToken);
        if (configuration.Exception is not null)
        {
            ExceptionDispatchInfo.Throw(configuration.Exception);
        }

        return configuration;
    }

    /// <summary>Every value that follows <paramref name="option"/> on a command line.</summary>
    public static List<string> ValuesOf(string option, List<string> arguments) =>
        [.. arguments.Index().Where(argument => argument.Item == option && argument.Index + 1 < arguments.Count)
            .Select(argument => arguments[argument.Index + 1])];
}
