using System.Diagnostics;
using System.Runtime.Versioning;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Commerce.AppHost.Infrastructure;

/// <summary>A PostgreSQL server run from this machine's binaries, on a cluster kept in the state directory.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class LocalPostgresResource(string name, string command, string workingDirectory, string password)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    public const string PrimaryEndpointName = "tcp";

    public EndpointReference PrimaryEndpoint => field ??= new(this, PrimaryEndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={PrimaryEndpoint.Property(EndpointProperty.Host)};Port={PrimaryEndpoint.Property(EndpointProperty.Port)};Username={LocalPostgres.SuperUser};Password={password}");

    internal List<LocalPostgresDatabaseResource> Databases { get; } = [];
}

/// <summary>One service's database on the local server; created when the server is first ready.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class LocalPostgresDatabaseResource(string name, LocalPostgresResource parent)
    : Resource(name), IResourceWithParent<LocalPostgresResource>, IResourceWithConnectionString
{
    public LocalPostgresResource Parent => parent;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{Parent};Database={Name}");
}

[UnsupportedOSPlatform("windows")]
public static class LocalPostgres
{
    internal const string SuperUser = "postgres";

    // Debian's account for PostgreSQL, which refuses to run as root.
    private const string ServiceAccount = "postgres";

    /// <summary>
    /// Adds <c>postgres</c> on a cluster in <c>{state}/postgres</c> (created by initdb on first use, password
    /// authentication with a generated password kept in <c>{state}/postgres.password</c>), listening on loopback only,
    /// on a port DCP assigns.
    /// </summary>
    public static IResourceBuilder<LocalPostgresResource> AddLocalPostgres(
        this IDistributedApplicationBuilder builder, [ResourceName] string name, LocalPrograms programs, string stateDirectory)
    {
        var dataDirectory = Path.Combine(stateDirectory, "postgres");
        var password = StateDirectory.Password(stateDirectory, "postgres.password");
        InitializeCluster(programs.PostgresBin, dataDirectory, password);

        var (command, prefix) = AsServiceAccount(Path.Combine(programs.PostgresBin, "postgres"));
        var server = new LocalPostgresResource(name, command, dataDirectory, password);

        var connectionString = ConnectionStringWhenAvailable.Of(builder, server);
        builder.Eventing.Subscribe<ResourceReadyEvent>(server, (ready, cancellationToken) =>
            CreateDatabasesAsync(server, connectionString.Value, ready.Services, cancellationToken));
        // DCP runs the server; its databases have no process of their own, and Aspire passes a parent's state on to its
        // children only for containers: they start with the server and run once they exist.
        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(server, (started, _) =>
            PublishDatabasesStateAsync(server, started.Services, KnownResourceStates.Starting));

        var healthCheckKey = $"{name}_check";
        builder.Services.AddHealthChecks().AddNpgSql(_ => $"{connectionString.Value};Database=postgres", name: healthCheckKey);

        var resource = builder.AddResource(server)
            .WithEndpoint(name: LocalPostgresResource.PrimaryEndpointName, scheme: "tcp")
            .WithIconName("DatabaseMultiple")
            .WithHealthCheck(healthCheckKey);
        return resource.WithArgs(context =>
        {
            context.Args.Append(prefix);
            context.Args.Append(["-D", dataDirectory]);
            context.Args.Append(["-p", server.PrimaryEndpoint.Property(EndpointProperty.TargetPort)]);
            // Loopback only, and no Unix socket (its default directory, /var/run/postgresql, may not exist or be
            // another cluster's).
            context.Args.Append(["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="]);
            // Every service keeps a pool, and the outbox dispatcher holds a LISTEN connection.
            context.Args.Append(["-c", "max_connections=200"]);
        });
    }

    /// <summary>A database on the local server, created when the server is ready, healthy once it accepts connections.</summary>
    public static IResourceBuilder<LocalPostgresDatabaseResource> AddDatabase(
        this IResourceBuilder<LocalPostgresResource> server, [ResourceName] string name)
    {
        var database = new LocalPostgresDatabaseResource(name, server.Resource);
        server.Resource.Databases.Add(database);

        var connectionString = ConnectionStringWhenAvailable.Of(server.ApplicationBuilder, database);
        var healthCheckKey = $"{name}_check";
        server.ApplicationBuilder.Services.AddHealthChecks().AddNpgSql(_ => connectionString.Value, name: healthCheckKey);

        return server.ApplicationBuilder.AddResource(database)
            .WithIconName("Database")
            .WithHealthCheck(healthCheckKey);
    }

    private static async Task CreateDatabasesAsync(
        LocalPostgresResource server, string connectionString, IServiceProvider services, CancellationToken cancellationToken)
    {
        var logger = services.GetRequiredService<ResourceLoggerService>().GetLogger(server);
        await using var connection = new NpgsqlConnection($"{connectionString};Database=postgres");
        await connection.OpenAsync(cancellationToken);
        foreach (var database in server.Databases)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"CREATE DATABASE {new NpgsqlCommandBuilder().QuoteIdentifier(database.Name)}";
            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
                logger.LogInformation("Created database {Database}", database.Name);
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.DuplicateDatabase)
            {
                // Kept from an earlier run: the state directory is there so that it is.
            }
        }

        await PublishDatabasesStateAsync(server, services, KnownResourceStates.Running);
    }

    private static async Task PublishDatabasesStateAsync(LocalPostgresResource server, IServiceProvider services, string state)
    {
        var notifications = services.GetRequiredService<ResourceNotificationService>();
        foreach (var database in server.Databases)
        {
            await notifications.PublishUpdateAsync(database, snapshot => snapshot with
            {
                State = state,
                StartTimeStamp = state == KnownResourceStates.Running ? DateTime.UtcNow : null,
            });
        }
    }

    private static void InitializeCluster(string postgresBin, string dataDirectory, string password)
    {
        if (File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            return;
        }

        Directory.CreateDirectory(dataDirectory);
        File.SetUnixFileMode(dataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        // initdb reads the superuser's password from a file; it must be readable by the account that runs initdb.
        var passwordFile = Path.Combine(Path.GetDirectoryName(dataDirectory)!, ".postgres-initdb-password");
        File.WriteAllText(passwordFile, password);
        try
        {
            if (CurrentUser.IsRoot)
            {
                Chown(dataDirectory);
                Chown(passwordFile);
            }

            var (command, prefix) = AsServiceAccount(Path.Combine(postgresBin, "initdb"));
            var start = new ProcessStartInfo(command)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = dataDirectory,
            };
            foreach (var argument in prefix.Concat(["-D", dataDirectory, "-U", SuperUser, "--auth=scram-sha-256",
                         $"--pwfile={passwordFile}", "-E", "UTF8", "--locale=C"]))
            {
                start.ArgumentList.Add(argument);
            }

            using var initdb = Process.Start(start)!;
            var errors = initdb.StandardError.ReadToEndAsync();
            _ = initdb.StandardOutput.ReadToEnd();
            initdb.WaitForExit();
            if (initdb.ExitCode != 0)
            {
                Directory.Delete(dataDirectory, recursive: true);
                throw new InfrastructureProblem(
                    $"initdb failed for {dataDirectory}: {errors.Result.ReplaceLineEndings(" ").Trim()}");
            }
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    // setpriv replaces itself with the program (no fork), so the process DCP watches and stops is the server itself.
    private static (string Command, string[] Prefix) AsServiceAccount(string program) =>
        CurrentUser.IsRoot
            ? ("setpriv", [$"--reuid={ServiceAccount}", $"--regid={ServiceAccount}", "--init-groups", "--", program])
            : (program, []);

    private static void Chown(string path)
    {
        using var chown = Process.Start("chown", [$"{ServiceAccount}:{ServiceAccount}", path]);
        chown.WaitForExit();
        if (chown.ExitCode != 0)
        {
            throw new InfrastructureProblem($"could not give {path} to the {ServiceAccount} user (chown failed).");
        }
    }
}
