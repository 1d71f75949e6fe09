using System.Text.Json;

namespace Commerce.AppHost.Tests;

/// <summary>
/// The manifest <c>azd</c> reads (it runs the AppHost with <c>--publisher manifest</c>): every deployable and the
/// infrastructure as containers, secrets as parameters, nothing that only runs on a developer's machine.
/// </summary>
public sealed class PublishManifestTests
{
    private static readonly string[] Projects = ["catalog", "inventory", "payments", "shipping", "notifications", "ordering", "identity", "bff-web", "bff-mobile", "workflows"];
    private static readonly string[] Containers = ["postgres", "eventbus", "temporal"];
    private static readonly string[] Databases = ["catalogdb", "inventorydb", "paymentsdb", "shippingdb", "notificationsdb", "orderingdb", "identitydb", "workflowsdb"];

    [Fact]
    public async Task The_manifest_has_every_service_and_the_worker_as_projects_and_the_infrastructure_as_containers()
    {
        var resources = (await PublishAsync()).GetProperty("resources").EnumerateObject()
            .ToDictionary(resource => resource.Name, resource => resource.Value);

        Assert.All(Projects, name => Assert.Equal("project.v0", resources[name].GetProperty("type").GetString()));
        Assert.All(Containers, name => Assert.StartsWith("container.", resources[name].GetProperty("type").GetString(), StringComparison.Ordinal));
        Assert.All(Databases, name => Assert.Equal("value.v0", resources[name].GetProperty("type").GetString()));
        // No executable and no local-mode resource: a deployment runs nothing from the machine that published it.
        Assert.DoesNotContain(resources, resource => resource.Value.GetProperty("type").GetString()!.StartsWith("executable.", StringComparison.Ordinal));
        Assert.DoesNotContain("eventbus-epmd", resources.Keys);
        // Secrets are parameters the deployment asks for (azd prompts or generates them), never literals.
        Assert.All(new[] { "postgres-password", "eventbus-password", "bff-web-client-secret" }, name =>
        {
            var parameter = resources[name];
            Assert.Equal("parameter.v0", parameter.GetProperty("type").GetString());
            Assert.True(parameter.GetProperty("inputs").GetProperty("value").GetProperty("secret").GetBoolean());
        });
        // The web BFF faces browsers, and it and the identity provider share the one client secret.
        Assert.True(resources["bff-web"].GetProperty("bindings").GetProperty("http").GetProperty("external").GetBoolean());
        Assert.Equal("{bff-web-client-secret.value}", resources["bff-web"].GetProperty("env").GetProperty("Oidc__ClientSecret").GetString());
        Assert.Equal("{bff-web-client-secret.value}", resources["identity"].GetProperty("env").GetProperty("Identity__Clients__BffWeb__Secret").GetString());
        // The mobile BFF faces phones; its app is Identity's public client, registered with the BFF's own address.
        Assert.True(resources["bff-mobile"].GetProperty("bindings").GetProperty("http").GetProperty("external").GetBoolean());
        Assert.Equal("{bff-mobile.bindings.http.url}/authentication/login-callback", resources["identity"].GetProperty("env").GetProperty("Identity__Clients__BffMobile__RedirectUris__0").GetString());
        // The worker reaches Temporal through the container's endpoint, not a local address.
        var workflowsEnvironment = resources["workflows"].GetProperty("env");
        Assert.Equal("{temporal.bindings.grpc.host}:{temporal.bindings.grpc.port}", workflowsEnvironment.GetProperty("TEMPORAL_ADDRESS").GetString());
        Assert.Equal("{workflowsdb.connectionString}", workflowsEnvironment.GetProperty("ConnectionStrings__workflowsdb").GetString());
    }

    private static async Task<JsonElement> PublishAsync()
    {
        var output = Directory.CreateTempSubdirectory("commerce-manifest-").FullName;
        try
        {
            var manifest = Path.Combine(output, "aspire-manifest.json");
            var publish = await AppHostProcess.RunAsync(["--publisher", "manifest", "--output-path", manifest]);
            Assert.True(publish.ExitCode == 0, $"publish exited {publish.ExitCode}: {publish.Output} {publish.Errors}");

            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(manifest, TestContext.Current.CancellationToken));
            return document.RootElement.Clone();
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
