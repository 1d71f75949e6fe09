using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Commerce.Workflows.Tests.Activities;

/// <summary>The worker's registrations for one test class: activities resolved as the worker resolves them, in a scope.</summary>
public sealed class WorkerServices(IHost host) : IDisposable
{
    private readonly AsyncServiceScope _scope = host.Services.CreateAsyncScope();

    public T Get<T>() where T : notnull => _scope.ServiceProvider.GetRequiredService<T>();

    public IServiceProvider Root => host.Services;

    public void Dispose()
    {
        _scope.Dispose();
        host.Dispose();
    }
}
