using Commerce.Payments.Api.Processing;
using Commerce.Payments.Contracts;
using Commerce.Testing;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Refit;

namespace Commerce.Payments.Tests;

/// <summary>
/// The real Payments service in-process, on its own fresh database in the run's PostgreSQL server and its own
/// virtual host on the run's RabbitMQ broker. The processor timeout is short so the card that never answers keeps
/// tests fast. Every log line the service writes is kept in <see cref="Logs"/>.
/// </summary>
public sealed class PaymentsApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public static readonly TimeSpan ProcessorTimeout = TimeSpan.FromMilliseconds(300);

    private string? _connectionString;
    private Uri? _virtualHost;

    /// <summary>The lowest level captured (Warning unless a test wants to see everything).</summary>
    public LogLevel MinimumLogLevel { get; init; } = LogLevel.Warning;

    public CapturedLogs Logs { get; } = new();

    public string ConnectionString => _connectionString ?? throw new InvalidOperationException("Initialize the factory first.");

    /// <summary>The broker's virtual host the service publishes to, for <see cref="BrokerProbe"/>.</summary>
    public Uri VirtualHost => _virtualHost ?? throw new InvalidOperationException("Initialize the factory first.");

    public async ValueTask InitializeAsync()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var postgres = await PostgresServer.SharedAsync(cancellationToken);
        var rabbitMq = await RabbitMqServer.SharedAsync(cancellationToken);
        _connectionString = await postgres.CreateDatabaseAsync("payments", cancellationToken);
        _virtualHost = await rabbitMq.CreateVirtualHostAsync("payments", cancellationToken);

        // Starting the host here runs the migrations before the first test asks for anything.
        _ = Server;
    }

    public IPaymentsApi CreatePaymentsClient() => RestService.For<IPaymentsApi>(CreateClient());

    /// <summary>The outcomes of the card network calls for one order's operation, in attempt order, from the service's call log.</summary>
    public async Task<IReadOnlyList<string>> ProcessorCallsAsync(Guid orderId, string operation)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        var outcomes = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT outcome FROM processor_calls WHERE order_id = @orderId AND operation = @operation ORDER BY attempt",
            new { orderId, operation },
            cancellationToken: TestContext.Current.CancellationToken));
        return outcomes.AsList();
    }

    /// <summary>Tokenizes <paramref name="card"/> with an expiry two years ahead and returns the token.</summary>
    public async Task<string> TokenizeAsync(TestCard card, string cvc = "123")
    {
        var response = await CreatePaymentsClient().TokenizeCardAsync(
            new TokenizeCardRequest(card.Number, 12, DateTime.UtcNow.Year + 2, cvc), TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {PaymentsTestKit.ErrorContent(response)}");
        return response.Content!.Token;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environments.Production);
        builder.UseSetting("ConnectionStrings:paymentsdb", ConnectionString);
        builder.UseSetting("ConnectionStrings:eventbus", VirtualHost.ToString());
        builder.UseSetting("Payments:ProcessorTimeout", ProcessorTimeout.ToString());
        builder.UseSetting("Payments:ProcessorRetryAfter", "00:00:01");
        // Levels from configuration (appsettings.json) outrank SetMinimumLevel, so the level is set there.
        builder.UseSetting("Logging:LogLevel:Default", MinimumLogLevel.ToString());
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", MinimumLogLevel.ToString());
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }
}
