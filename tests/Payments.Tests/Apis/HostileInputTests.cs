using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Commerce.Payments.Api.Processing;
using Commerce.Testing.Hostile;
using Dapper;
using Npgsql;

namespace Commerce.Payments.Tests.Apis;

/// <summary>Hostile input to every Payments endpoint: always a 4xx ProblemDetails, never a 500, nothing stored or charged.</summary>
public sealed class HostileInputTests(PaymentsApiFactory factory) : IClassFixture<PaymentsApiFactory>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Hostile_input_to_every_endpoint_is_a_4xx_problem_and_stores_nothing()
    {
        using var client = factory.CreateClient();
        var probe = new HostileInputProbe(client, "Payments");
        var year = (DateTime.UtcNow.Year + 2).ToString(CultureInfo.InvariantCulture);
        var tokensBefore = await CountAsync("SELECT count(*) FROM card_tokens");

        await probe.ProbeAsync(new HostileEndpoint("POST", "/payment-tokens")
        {
            Body = $$"""{"number":"{{TestCards.Visa.Number}}","expiryMonth":12,"expiryYear":{{year}},"cvc":"123"}""",
            AssertNothingWritten = async _ => Assert.Equal(tokensBefore, await CountAsync("SELECT count(*) FROM card_tokens")),
            ValidStatus = 201,
        }, Cancellation);

        var token = await factory.TokenizeAsync(TestCards.Visa);
        await probe.ProbeAsync(new HostileEndpoint("GET", "/payment-tokens/{token}") { Route = new Dictionary<string, string> { ["token"] = token }, ValidStatus = 200 }, Cancellation);

        var orderId = Guid.NewGuid();
        var route = new Dictionary<string, string> { ["orderId"] = orderId.ToString() };
        await probe.ProbeAsync(new HostileEndpoint("PUT", "/payments/{orderId}")
        {
            Route = route,
            Body = $$"""{"token":"{{token}}","amount":25.50,"currency":"USD"}""",
            AssertNothingWritten = async _ =>
            {
                Assert.Equal(0, await CountAsync("SELECT count(*) FROM payments"));
                Assert.Equal(0, await CountAsync("SELECT count(*) FROM processor_calls"));
            },
            ValidStatus = 200,
        }, Cancellation);

        await probe.ProbeAsync(new HostileEndpoint("GET", "/payments/{orderId}") { Route = route, ValidStatus = 200 }, Cancellation);
        // In this order each valid request is allowed: capture the authorization, refund the capture, then void is too late.
        foreach (var (action, status) in new[] { ("capture", 200), ("refund", 200), ("void", 409) })
        {
            var before = await StatusOfAsync(client, orderId);
            await probe.ProbeAsync(new HostileEndpoint("POST", $"/payments/{{orderId}}/{action}")
            {
                Route = route,
                AssertNothingWritten = async _ => Assert.Equal(before, await StatusOfAsync(client, orderId)),
                ValidStatus = status,
            }, Cancellation);
        }

        probe.Report();
    }

    private static async Task<string?> StatusOfAsync(HttpClient client, Guid orderId) =>
        (await client.GetFromJsonAsync<JsonElement>($"/payments/{orderId}", Cancellation)).GetProperty("status").GetString();

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, cancellationToken: Cancellation));
    }
}
