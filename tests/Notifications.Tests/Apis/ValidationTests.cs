using System.Net;
using System.Text.Json;
using Commerce.Notifications.Api.Domain;

namespace Commerce.Notifications.Tests.Apis;

/// <summary>Every client mistake is a 400 ProblemDetails whose errors name the field.</summary>
public sealed class ValidationTests(NotificationsApiFactory factory) : IClassFixture<NotificationsApiFactory>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> BadQueries => new()
    {
        { "/customers/%20%20/notifications", "customerId" },
        { $"/customers/{new string('c', 101)}/notifications", "customerId" },
        { "/customers/c-1/notifications?pageSize=0", "pageSize" },
        { "/customers/c-1/notifications?pageSize=101", "pageSize" },
        { "/customers/c-1/notifications?pageSize=ten", "pageSize" },
        { "/customers/c-1/notifications?cursor=not-a-cursor", "cursor" },
        { $"/customers/c-1/notifications?cursor={new NotificationCursor(default, Guid.NewGuid()).Encode()}", "cursor" },
    };

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task A_bad_query_is_a_400_naming_the_field(string url, string field)
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync(url, Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.True(problem.RootElement.TryGetProperty("type", out _));
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"errors should name {field}: {problem.RootElement}");
    }
}
