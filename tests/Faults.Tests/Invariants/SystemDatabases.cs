using Aspire.Hosting.Testing;
using Commerce.AppHost.Tests;
using Npgsql;

namespace Commerce.Faults.Tests.Invariants;

/// <summary>Every service's own database in the running system, opened as the test's arrangement and its checks need.</summary>
public static class SystemDatabases
{
    public const string Ordering = "orderingdb";
    public const string Inventory = "inventorydb";
    public const string Payments = "paymentsdb";

    /// <summary>The databases of the services that publish or consume integration events (each has an outbox and an inbox).</summary>
    public static readonly IReadOnlyList<string> WithEvents =
        ["catalogdb", "inventorydb", "orderingdb", "paymentsdb", "shippingdb", "notificationsdb", "workflowsdb"];

    public static async Task<NpgsqlConnection> OpenAsync(LocalAppHost system, string database, CancellationToken cancellationToken)
    {
        var connectionString = await system.App.GetConnectionStringAsync(database, cancellationToken)
            ?? throw new InvalidOperationException($"The AppHost has no connection string for {database}.");
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
