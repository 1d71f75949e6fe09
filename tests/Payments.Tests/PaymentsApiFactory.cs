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
/// The real Payments service in-process (<see cref="ServiceFactory{TEntryPoint}"/>). The processor timeout is short so the card that never answers keeps
/// tests fast. Every log line the service writes is kept in <see cref="Logs"/>.
/// </summary>
public sealed class PaymentsApiFactory() : ServiceFactory<Program>("payments")
{
    public static readonly TimeSpan ProcessorTimeout = TimeSpan.FromMilliseconds(300);

    public CapturedLogs Logs { get; } = new();

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

    protected override void ConfigureService(IWebHostBuilder builder)
    {
        builder.UseSetting("Payments:ProcessorTimeout", ProcessorTimeout.ToString());
        builder.UseSetting("Payments:ProcessorRetryAfter", "00:00:01");
        // appsettings.json sets these apart from the default level; a test that searches every log line must see theirs too.
        foreach (var category in (string[])["Microsoft.AspNetCore", "Npgsql", "RabbitMQ.Client", "System.Net.Http.HttpClient"])
        {
            builder.UseSetting($"Logging:LogLevel:{category}", MinimumLogLevel.ToString());
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
    }
}
