using System.Net;

namespace Commerce.Ordering.Tests;

public sealed class HealthTests(OrderingApiFactory factory) : IClassFixture<OrderingApiFactory>
{
    [Fact]
    public async Task The_service_is_healthy_with_its_database_and_broker_up()
    {
        var response = await factory.CreateClient().GetAsync("/health", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
