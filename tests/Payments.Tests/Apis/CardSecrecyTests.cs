using Commerce.Testing;
using System.Net;
using System.Text;
using Commerce.Payments.Api.Processing;
using Commerce.Payments.Contracts;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Commerce.Payments.Tests.Apis;

public sealed class CardSecrecyTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_card_number_is_neither_stored_in_any_column_nor_written_to_any_log()
    {
        // Everything the service logs, down to Trace, on its own database so every row in it comes from this test.
        await using var factory = new PaymentsApiFactory { MinimumLogLevel = LogLevel.Trace };
        await factory.InitializeAsync();
        var payments = factory.CreatePaymentsClient();
        using var client = factory.CreateClient();
        var number = TestCards.Visa.Number;
        var year = DateTime.UtcNow.Year + 2;

        var token = (await payments.TokenizeCardAsync(new TokenizeCardRequest("4242 4242 4242 4242", 11, year, "123"), Cancellation)).Content!.Token;
        var orderId = Guid.NewGuid();
        Assert.True((await payments.AuthorizeAsync(orderId, new AuthorizePaymentRequest(token, 10m, "USD"), Cancellation)).IsSuccessStatusCode);
        Assert.True((await payments.CaptureAsync(orderId, Cancellation)).IsSuccessStatusCode);
        Assert.True((await payments.RefundAsync(orderId, Cancellation)).IsSuccessStatusCode);
        // Refused and malformed requests carry the number too: their logs and errors must not repeat it either.
        Assert.Equal(HttpStatusCode.BadRequest, (await payments.TokenizeCardAsync(new TokenizeCardRequest(number, 1, year - 10, "123"), Cancellation)).StatusCode);
        var malformed = await client.PostAsync(
            "/payment-tokens", new StringContent($$"""{"number":"{{number}}","expiryMonth":"soon"}""", Encoding.UTF8, "application/json"), Cancellation);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.DoesNotContain(number, await malformed.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        // Once the outbox is drained its rows and the dispatcher's logs are final.
        await using (var drain = await BrokerProbe.StartAsync(factory.VirtualHost, [], cancellationToken: Cancellation))
        {
            await drain.CollectUntilDrainedAsync(factory.ConnectionString, Cancellation);
        }

        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        var tables = (await connection.QueryAsync<string>(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")).AsList();
        Assert.Contains("card_tokens", tables);
        foreach (var table in tables)
        {
            // A row cast to text holds every column's value, whatever the column's type.
            var rowsWithTheNumber = await connection.ExecuteScalarAsync<long>(
                $"""SELECT count(*) FROM "{table}" row WHERE row::text LIKE '%' || @number || '%' OR row::text LIKE '%' || @spaced || '%'""",
                new { number, spaced = "4242 4242 4242 4242" });
            Assert.True(rowsWithTheNumber == 0, $"{rowsWithTheNumber} rows of {table} hold the card number");
        }

        Assert.Empty(await connection.QueryAsync<string>(
            "SELECT table_name || '.' || column_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name ~ '(cvc|cvv|pan|card_number)'"));
        Assert.Contains(factory.Logs.Lines, line => line.Contains(orderId.ToString(), StringComparison.Ordinal));
        Assert.DoesNotContain(factory.Logs.Lines, line => line.Contains(number, StringComparison.Ordinal) || line.Contains("4242 4242 4242 4242", StringComparison.Ordinal));
    }
}
