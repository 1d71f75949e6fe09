using System.Net;
using Commerce.ServiceDefaults.Messaging;
using Commerce.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RabbitMQ.Client;

namespace Commerce.ServiceDefaults.Tests.Messaging;

public sealed class RabbitMqConnectionTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_connection_reaches_the_broker_named_by_the_connection_string_and_health_says_ready()
    {
        var rabbit = await RabbitMqServer.SharedAsync(Cancellation);
        var virtualHost = await rabbit.CreateVirtualHostAsync("defaults", Cancellation);
        await using var app = await StartAppAsync(virtualHost);

        var connection = await app.Services.GetRequiredService<RabbitMqConnection>().GetConnectionAsync(Cancellation);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: Cancellation);
        var queue = await channel.QueueDeclareAsync(exclusive: true, cancellationToken: Cancellation);
        await channel.BasicPublishAsync("", queue.QueueName, "hello"u8.ToArray(), Cancellation);
        var message = await GetMessageAsync(channel, queue.QueueName);

        Assert.Equal("hello", System.Text.Encoding.UTF8.GetString(message.Body.Span));
        Assert.Equal(HttpStatusCode.OK, (await app.GetTestClient().GetAsync("/health", Cancellation)).StatusCode);
    }

    [Fact]
    public async Task A_service_started_before_its_broker_gets_ready_when_the_broker_comes_up_and_again_after_a_broker_restart()
    {
        // This test stops and starts a broker, so it brings its own.
        await using var rabbit = await RabbitMqServer.StartPrivateAsync(Cancellation);
        await rabbit.StopAsync(Cancellation);
        await using var app = await StartAppAsync(rabbit.AmqpUri);
        using var client = app.GetTestClient();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health", Cancellation)).StatusCode);

        await rabbit.StartAsync(Cancellation);
        Assert.Equal(HttpStatusCode.OK, await HealthProbe.WaitForAsync(client, HttpStatusCode.OK, TimeSpan.FromMinutes(1), Cancellation));

        await rabbit.StopAsync(Cancellation);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await HealthProbe.WaitForAsync(client, HttpStatusCode.ServiceUnavailable, TimeSpan.FromMinutes(1), Cancellation));

        await rabbit.StartAsync(Cancellation);
        Assert.Equal(HttpStatusCode.OK, await HealthProbe.WaitForAsync(client, HttpStatusCode.OK, TimeSpan.FromMinutes(1), Cancellation));
    }

    [Fact]
    public void A_connection_string_that_is_not_a_URI_names_the_key_to_set()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration["ConnectionStrings:eventbus"] = "localhost";

        var error = Assert.Throws<InvalidOperationException>(() => builder.AddRabbitMqConnection("eventbus"));

        Assert.Contains("ConnectionStrings__eventbus", error.Message, StringComparison.Ordinal);
    }

    private static Task<WebApplication> StartAppAsync(Uri broker) => TestApp.StartAsync(
        builder => builder.AddRabbitMqConnection("eventbus"),
        settings: new Dictionary<string, string?> { ["ConnectionStrings:eventbus"] = broker.ToString() });

    private static async Task<BasicGetResult> GetMessageAsync(IChannel channel, string queue)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            if (await channel.BasicGetAsync(queue, autoAck: true, Cancellation) is { } message)
            {
                return message;
            }

            await Task.Delay(100, Cancellation);
        }

        throw new TimeoutException($"No message arrived on {queue}.");
    }
}
