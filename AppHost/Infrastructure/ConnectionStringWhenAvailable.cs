namespace Commerce.AppHost.Infrastructure;

/// <summary>
/// A local resource's connection string, for its readiness check and start-up work: known once Aspire has allocated
/// the resource's endpoints and raised <see cref="ConnectionStringAvailableEvent"/>, which happens before any health
/// check of it runs.
/// </summary>
internal sealed class ConnectionStringWhenAvailable
{
    private readonly string _resourceName;
    private string? _value;

    private ConnectionStringWhenAvailable(string resourceName) => _resourceName = resourceName;

    public string Value => _value ?? throw new InvalidOperationException($"{_resourceName} has no connection string yet.");

    public static ConnectionStringWhenAvailable Of<T>(IDistributedApplicationBuilder builder, T resource)
        where T : IResourceWithConnectionString
    {
        var connectionString = new ConnectionStringWhenAvailable(resource.Name);
        builder.Eventing.Subscribe<ConnectionStringAvailableEvent>(resource, async (_, cancellationToken) =>
            connectionString._value = await resource.ConnectionStringExpression.GetValueAsync(cancellationToken));
        return connectionString;
    }
}
