using Commerce.Notifications.Api.Delivery;
using Commerce.Notifications.Contracts;
using Commerce.Testing;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Refit;

namespace Commerce.Notifications.Tests;

/// <summary>
/// The real Notifications service in-process (<see cref="ServiceFactory{TEntryPoint}"/>), with a
/// <see cref="RecordingSender"/> in place of the log sender. Tests publish events to the broker as the other services
/// would, and read the outcome through the HTTP API.
/// </summary>
public sealed class NotificationsApiFactory() : ServiceFactory<Program>("notifications")
{
    /// <summary>
    /// Deliveries before an event whose handler keeps failing is dead-lettered. Generous by default, so an event that
    /// arrives before its order keeps being redelivered while a test publishes the order.
    /// </summary>
    public int MaxDeliveries { get; init; } = 30;

    public RecordingSender Sender { get; } = new();

    public INotificationsApi CreateNotificationsClient() => RestService.For<INotificationsApi>(CreateClient());

    public async Task<T> QueryScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        return await connection.ExecuteScalarAsync<T>(new CommandDefinition(sql, parameters, cancellationToken: TestContext.Current.CancellationToken))
            ?? throw new InvalidOperationException("The query returned nothing.");
    }

    protected override bool ConsumesEvents => true;

    protected override void ConfigureService(IWebHostBuilder builder)
    {
        builder.UseSetting("Messaging:MaxDeliveries", MaxDeliveries.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Messaging:RedeliveryDelay", "00:00:00.1");
        builder.UseSetting("Notifications:Delivery:PollInterval", "00:00:00.1");
        builder.UseSetting("Notifications:Delivery:RetryDelay", "00:00:00.1");
        builder.ConfigureTestServices(services => services.AddSingleton<INotificationSender>(Sender));
    }
}
