using System.Net;

namespace Commerce.Bff.Mobile.Tests.Edge;

public sealed class RateLimitTests(Downstream downstream)
{
    private const int Permits = 5;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_customer_past_their_limit_is_a_429_problem_with_retry_after_while_another_customer_is_served()
    {
        await using var bff = new MobileBffFactory(downstream)
        {
            Settings = new() { ["Bff:Limits:PermitsPerWindow"] = Permits.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Bff:Limits:Window"] = "00:10:00" },
        };
        using var busy = await bff.SignInAsync();
        using var other = await bff.SignInAsync();

        var statuses = new List<HttpStatusCode>();
        for (var call = 0; call < Permits; call++)
        {
            using var served = await busy.Http.GetAsync("/api/orders", Cancellation);
            statuses.Add(served.StatusCode);
        }

        using var refused = await busy.Http.GetAsync("/api/orders", Cancellation);
        using var otherServed = await other.Http.GetAsync("/api/orders", Cancellation);

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "no Retry-After");
        Assert.Equal(HttpStatusCode.OK, otherServed.StatusCode);
    }
}
