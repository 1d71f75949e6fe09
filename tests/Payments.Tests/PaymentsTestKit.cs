using System.Net;
using System.Text.Json;
using Commerce.Testing;
using Refit;

namespace Commerce.Payments.Tests;

/// <summary>What the Payments tests share: the event names, and reading brokers and ProblemDetails one order at a time.</summary>
public static class PaymentsTestKit
{
    public const string Authorized = "payments.payment-authorized";
    public const string Captured = "payments.payment-captured";
    public const string Voided = "payments.payment-voided";
    public const string Refunded = "payments.payment-refunded";

    public static readonly string[] AllEvents = [Authorized, Captured, Voided, Refunded];

    /// <summary>Long enough for the outbox dispatcher (woken on commit) to have published anything it was going to.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan Within = TimeSpan.FromSeconds(10);

    public static Task<BrokerProbe> ProbeAsync(PaymentsApiFactory factory) =>
        BrokerProbe.StartAsync(factory.VirtualHost, AllEvents, cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>The next message about <paramref name="orderId"/>; messages about other orders (earlier tests of the class) are skipped.</summary>
    public static async Task<ProbedMessage> NextForAsync(this BrokerProbe probe, Guid orderId)
    {
        var deadline = DateTime.UtcNow + Within;
        while (true)
        {
            var remaining = deadline - DateTime.UtcNow;
            var message = await probe.NextAsync(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, TestContext.Current.CancellationToken);
            if (OrderOf(message) == orderId)
            {
                return message;
            }
        }
    }

    /// <summary>Every message about <paramref name="orderId"/> published within <see cref="Quiet"/>.</summary>
    public static async Task<IReadOnlyList<ProbedMessage>> CollectForAsync(this BrokerProbe probe, Guid orderId) =>
        (await probe.CollectAsync(Quiet, TestContext.Current.CancellationToken)).Where(message => OrderOf(message) == orderId).ToList();

    public static Guid OrderOf(ProbedMessage message) => message.Json.GetProperty("orderId").GetGuid();

    /// <summary>The ProblemDetails body of a failed Refit call.</summary>
    public static JsonElement ProblemOf(IApiResponse response)
    {
        var content = ErrorContent(response);
        Assert.NotNull(content);
        Assert.Equal("application/problem+json", response.ContentHeaders?.ContentType?.MediaType);
        return JsonDocument.Parse(content).RootElement;
    }

    /// <summary>The body of a failed Refit call, to read it or to say what went wrong.</summary>
    public static string? ErrorContent(IApiResponse response) => (response.Error as ApiException)?.Content;

    /// <summary>Asserts <paramref name="response"/> is a <paramref name="status"/> ProblemDetails with <paramref name="reason"/>.</summary>
    public static JsonElement AssertRefused(IApiResponse response, HttpStatusCode status, string reason)
    {
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {ErrorContent(response)}");
        var problem = ProblemOf(response);
        Assert.Equal(reason, problem.GetProperty("reason").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("type").GetString()));
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        return problem;
    }

    public static void AssertOk(IApiResponse response) =>
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {ErrorContent(response)}");
}
