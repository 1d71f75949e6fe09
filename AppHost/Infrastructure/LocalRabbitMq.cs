using System.Net.Sockets;
using System.Net;
using System.Runtime.Versioning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RabbitMQ.Client;

namespace Commerce.AppHost.Infrastructure;

/// <summary>A RabbitMQ node run from this machine's rabbitmq-server, with its data in the state directory.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class LocalRabbitMqResource(string name, string command, string workingDirectory, string password)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public const string PrimaryEndpointName = "tcp";
    public const string ManagementEndpointName = "management";

    public EndpointReference PrimaryEndpoint => field ??= new(this, PrimaryEndpointName);

    public EndpointReference ManagementEndpoint => field ??= new(this, ManagementEndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"amqp://{LocalRabbitMq.UserName}:{password}@{PrimaryEndpoint.Property(EndpointProperty.Host)}:{PrimaryEndpoint.Property(EndpointProperty.Port)}");
}

/// <summary>Erlang's port mapper, which the node registers its distribution port with; its own, on its own port.</summary>
public sealed class EpmdResource(string name, string command, string workingDirectory)
    : ExecutableResource(name, command, workingDirectory);

[UnsupportedOSPlatform("windows")]
public static class LocalRabbitMq
{
    internal const string UserName = "commerce";

    // Fixed, so the node's data directory (named after it) is found again after a restart.
    private const string NodeName = "commerce@localhost";

    /// <summary>
    /// Adds epmd and a RabbitMQ node (AMQP and the management UI on loopback, on ports DCP assigns). Nothing from
    /// /etc/rabbitmq applies: configuration, plugins, cookie, data and logs are in <c>{state}/rabbitmq</c>; the user
    /// <c>commerce</c> gets a generated password, kept in <c>{state}/rabbitmq.password</c>, when the node first boots.
    /// </summary>
    public static IResourceBuilder<LocalRabbitMqResource> AddLocalRabbitMq(
        this IDistributedApplicationBuilder builder, [ResourceName] string name, LocalPrograms programs, string stateDirectory)
    {
        var home = Path.Combine(stateDirectory, "rabbitmq");
        Directory.CreateDirectory(home);
        var password = StateDirectory.Password(stateDirectory, "rabbitmq.password");
        var configFile = Path.Combine(home, "rabbitmq.conf");
        File.WriteAllText(configFile, $"""
            # Written by the AppHost at every start; the default user is created only on the node's first boot.
            default_user = {UserName}
            default_pass = {password}
            default_user_tags.administrator = true
            log.console = true
            log.console.level = info
            log.file = false
            """);
        File.SetUnixFileMode(configFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(Path.Combine(home, "enabled_plugins"), "[rabbitmq_management].");
        File.WriteAllText(Path.Combine(home, "rabbitmq-env.conf"), "");

        // epmd and the distribution port are not proxied: the node advertises its port through epmd, and a CLI tool
        // that asks must reach the port itself.
        var (epmdPort, distributionPort) = TwoFreeLoopbackPorts();
        var node = new LocalRabbitMqResource(name, Path.Combine(programs.RabbitMqBin, "rabbitmq-server"), home, password);
        var connectionString = ConnectionStringWhenAvailable.Of(builder, node);
        var healthCheckKey = $"{name}_check";
        IConnection? healthConnection = null;
        builder.Services.AddHealthChecks().AddRabbitMQ(
            async _ => healthConnection ??= await new ConnectionFactory { Uri = new Uri(connectionString.Value) }.CreateConnectionAsync(),
            name: healthCheckKey);

        var resource = builder.AddResource(node)
            .WithEndpoint(name: LocalRabbitMqResource.PrimaryEndpointName, scheme: "tcp")
            .WithHttpEndpoint(name: LocalRabbitMqResource.ManagementEndpointName)
            .WithUrlForEndpoint(LocalRabbitMqResource.ManagementEndpointName, url => url.DisplayText = "RabbitMQ management")
            .WithIconName("MailMultiple")
            .WithEnvironment(context =>
            {
                var variables = context.EnvironmentVariables;
                variables["HOME"] = home; // the Erlang cookie
                variables["RABBITMQ_NODENAME"] = NodeName;
                variables["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1";
                variables["RABBITMQ_NODE_PORT"] = node.PrimaryEndpoint.Property(EndpointProperty.TargetPort);
                variables["RABBITMQ_DIST_PORT"] = $"{distributionPort}";
                variables["ERL_EPMD_PORT"] = $"{epmdPort}";
                variables["ERL_EPMD_ADDRESS"] = "127.0.0.1";
                variables["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(home, "rabbitmq-env.conf");
                variables["RABBITMQ_CONFIG_FILE"] = configFile;
                variables["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(home, "advanced.config");
                variables["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(home, "enabled_plugins");
                variables["RABBITMQ_MNESIA_BASE"] = Path.Combine(home, "mnesia");
                variables["RABBITMQ_LOG_BASE"] = Path.Combine(home, "log");
                variables["RABBITMQ_PID_FILE"] = Path.Combine(home, "rabbitmq.pid");
                // The script then execs the VM instead of running it as a child: the process DCP stops is the node.
                // -noinput keeps the VM from reading the (closed) standard input as a shell.
                variables["RABBITMQ_ALLOW_INPUT"] = "true";
                variables["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = ReferenceExpression.Create(
                    $"-noinput -start_epmd false -kernel inet_dist_use_interface {{127,0,0,1}} -rabbitmq_management tcp_config [{{ip,\"127.0.0.1\"}},{{port,{node.ManagementEndpoint.Property(EndpointProperty.TargetPort)}}}]");
            })
            .WithHealthCheck(healthCheckKey);

        var epmdHealthCheck = $"{name}-epmd_check";
        builder.Services.AddHealthChecks().AddCheck(epmdHealthCheck, new PortAcceptsConnections(epmdPort));
        var epmd = builder.AddResource(new EpmdResource($"{name}-epmd", programs.Epmd, home))
            .WithArgs("-port", $"{epmdPort}", "-address", "127.0.0.1", "-relaxed_command_check")
            .WithEndpoint(name: "tcp", scheme: "tcp", port: epmdPort, targetPort: epmdPort, isProxied: false)
            .WithHealthCheck(epmdHealthCheck)
            .WithParentRelationship(resource);

        return resource.WaitFor(epmd);
    }

    // Both held open together, so the kernel cannot hand out the same port twice.
    private static (int, int) TwoFreeLoopbackPorts()
    {
        using var first = new TcpListener(IPAddress.Loopback, 0);
        using var second = new TcpListener(IPAddress.Loopback, 0);
        first.Start();
        second.Start();
        return (((IPEndPoint)first.LocalEndpoint).Port, ((IPEndPoint)second.LocalEndpoint).Port);
    }

    private sealed class PortAcceptsConnections(int port) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (SocketException exception)
            {
                return HealthCheckResult.Unhealthy($"nothing accepts connections on 127.0.0.1:{port}", exception);
            }
        }
    }
}
