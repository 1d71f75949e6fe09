using Commerce.Probe.Contracts;

namespace Commerce.Messaging.Tests;

public sealed class IntegrationEventNamesTests
{
    [Fact]
    public void An_event_is_named_after_its_service_and_type_in_kebab_case()
    {
        Assert.Equal("probe.thing-happened", IntegrationEventNames.Of<ThingHappened>());
    }

    [Fact]
    public void A_type_outside_a_contracts_namespace_is_not_an_integration_event()
    {
        var error = Assert.Throws<ArgumentException>(() => IntegrationEventNames.Of<IntegrationEventNamesTests>());

        Assert.Contains("Contracts", error.Message, StringComparison.Ordinal);
    }
}
