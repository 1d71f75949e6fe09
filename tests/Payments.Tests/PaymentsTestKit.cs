using System.Net;
using System.Text.Json;
using Commerce.Testing;
using Refit;

namespace Commerce.Payments.Tests;

/// <summary>What the Payments tests share: the event names, the broker probe, and reading ProblemDetails.</summary>
public static class PaymentsTestKit
{
    public const string Authorized = "payments.payment-authorized";
    public const string Captured = "payments.payment-captured";
    public const string Voided = "payments.payment-voided";
    public const string Refunded = "payments.payment-refunded";

    public static readonly string[] AllEvents = [Authorized, Captured, Voided, Refunded];

    public static Task<BrokerProbe> ProbeAsync(PaymentsApiFactory factory) =>
        BrokerProbe.StartAsync(factory.VirtualHost, AllEvents, cancellationToken: TestContext.Current.CancellationToken);

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
