using Temporalio.Api.Enums.V1;

namespace Commerce.Testing.Temporal.Tests;

public sealed class RealTemporalServerTests
{
    [Fact]
    public void A_dev_server_is_started_headless_in_memory_on_its_port_knowing_every_search_attribute_asked_for()
    {
        var arguments = RealTemporalServer.DevServerArguments(7399, new Dictionary<string, IndexedValueType>
        {
            ["OrderStatus"] = IndexedValueType.Keyword,
            ["OrderId"] = IndexedValueType.Keyword,
            ["Total"] = IndexedValueType.Double,
        });

        Assert.Equal(
            [
                "server", "start-dev", "--headless", "--ip", "127.0.0.1", "--port", "7399", "--log-level", "error",
                "--search-attribute", "OrderId=Keyword", "--search-attribute", "OrderStatus=Keyword", "--search-attribute", "Total=Double",
            ],
            arguments);
    }
}
