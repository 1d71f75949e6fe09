using Commerce.Workflows.Temporal;
using Microsoft.Extensions.Configuration;

namespace Commerce.Workflows.Tests.Temporal;

public sealed class TemporalTargetTests
{
    [Fact]
    public void Temporals_own_environment_configuration_comes_first()
    {
        var target = TemporalTarget.From(Configuration(
            ("TEMPORAL_ADDRESS", "temporal.internal:7233"), ("TEMPORAL_NAMESPACE", "commerce"), ("ConnectionStrings:temporal", "localhost:7233")));

        Assert.Equal(new TemporalTarget("temporal.internal:7233", "commerce"), target);
    }

    [Fact]
    public void Without_it_the_connection_string_and_the_default_namespace_are_used()
    {
        var target = TemporalTarget.From(Configuration(("ConnectionStrings:temporal", "localhost:7233")));

        Assert.Equal(new TemporalTarget("localhost:7233", "default"), target);
    }

    [Fact]
    public void A_connection_string_written_as_a_url_means_its_host_and_port()
    {
        var target = TemporalTarget.From(Configuration(("ConnectionStrings:temporal", "http://localhost:7233")));

        Assert.Equal("localhost:7233", target.Address);
    }

    [Fact]
    public void An_empty_namespace_means_the_default_one()
    {
        var target = TemporalTarget.From(Configuration(("TEMPORAL_ADDRESS", "localhost:7233"), ("TEMPORAL_NAMESPACE", " ")));

        Assert.Equal("default", target.Namespace);
    }

    [Fact]
    public void No_server_configured_says_how_to_configure_one()
    {
        var error = Assert.Throws<InvalidOperationException>(() => TemporalTarget.From(Configuration()));

        Assert.Contains("TEMPORAL_ADDRESS", error.Message, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings__temporal", error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(setting => KeyValuePair.Create(setting.Key, (string?)setting.Value))).Build();
}
