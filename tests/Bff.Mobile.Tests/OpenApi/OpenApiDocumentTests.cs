using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Commerce.Bff.Mobile.Client;

namespace Commerce.Bff.Mobile.Tests.OpenApi;

/// <summary>The served OpenAPI document is the contract mobile client teams build against: it must say what IMobileBffApi says.</summary>
public sealed class OpenApiDocumentTests(Downstream downstream)
{
    /// <summary>Pinned, so a new release's rules never turn the build red on their own; one npm serves here.</summary>
    private const string RedoclyCli = "@redocly/cli@2.77.0";

    private static readonly TimeSpan NpxTimeout = TimeSpan.FromMinutes(5);

    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    /// <summary>The refusals the contract documents for each call, beyond the 400, 401 and 429 every one of them may get.</summary>
    private static readonly Dictionary<string, int[]> DocumentedRefusals = new()
    {
        [nameof(IMobileBffApi.GetProductAsync)] = [404],
        [nameof(IMobileBffApi.CheckoutAsync)] = [409, 422],
        [nameof(IMobileBffApi.GetOrderAsync)] = [404],
        [nameof(IMobileBffApi.RequestCancellationAsync)] = [404, 409],
    };

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_call_of_the_client_is_one_operation_named_after_it_with_a_summary_and_its_refusals()
    {
        var document = await FetchAsync();

        var operations = Operations(document).ToList();
        var calls = typeof(IMobileBffApi).GetMethods().Select(method => method.Name[..^"Async".Length]).Order().ToList();
        Assert.Equal(calls, operations.Select(operation => operation.Id).Order());
        foreach (var (id, path, operation) in operations)
        {
            Assert.False(string.IsNullOrWhiteSpace(operation["summary"]?.GetValue<string>()), $"{id} ({path}) has no summary");
            var responses = operation["responses"]!.AsObject();
            var refusals = responses.Select(response => int.Parse(response.Key, System.Globalization.CultureInfo.InvariantCulture)).Where(status => status is >= 400 and < 500).ToList();
            var secured = operation["security"] is JsonArray { Count: > 0 };
            var takesInput = operation["requestBody"] is not null || operation["parameters"]?.AsArray().Any(parameter => parameter!["in"]?.GetValue<string>() is "path" or "query") == true;
            int[] expected = [.. takesInput ? [400] : Array.Empty<int>(), .. secured ? [401] : Array.Empty<int>(), 429, .. DocumentedRefusals.GetValueOrDefault(id + "Async", [])];
            Assert.True(expected.All(refusals.Contains), $"{id} ({path}) declares {string.Join(", ", refusals)}, not all of {string.Join(", ", expected)}");
            foreach (var status in refusals)
            {
                Assert.True(responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)]!["content"]?["application/problem+json"] is not null,
                    $"{id} ({path}): its {status} is not a ProblemDetails");
            }
        }

        // The calls that need a customer are exactly the ones the contract says need a token.
        Assert.Equal(
            [nameof(IMobileBffApi.CheckoutAsync), nameof(IMobileBffApi.GetOrderAsync), nameof(IMobileBffApi.GetOrdersAsync), nameof(IMobileBffApi.RequestCancellationAsync), nameof(IMobileBffApi.SaveCardAsync)],
            operations.Where(operation => operation.Operation["security"] is JsonArray { Count: > 0 }).Select(operation => operation.Id + "Async").Order());
    }

    [Fact]
    public async Task The_document_lints_clean_with_redoclys_recommended_rules()
    {
        var npx = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "npx")).FirstOrDefault(File.Exists);
        if (npx is null)
        {
            SkipSaying("npx is not on PATH (install Node.js and npm)");
        }

        var (fetched, fetchOutput) = await RunAsync(npx!, ["--yes", RedoclyCli, "--version"], AppContext.BaseDirectory);
        if (fetched != 0)
        {
            SkipSaying($"npm could not fetch {RedoclyCli}: {fetchOutput.Trim().Split('\n')[^1]}");
        }

        var directory = Directory.CreateTempSubdirectory("bff-mobile-openapi-");
        try
        {
            var documentPath = Path.Combine(directory.FullName, "openapi.json");
            await File.WriteAllTextAsync(documentPath, (await FetchAsync()).ToJsonString(), Cancellation);

            var (exitCode, output) = await RunAsync(
                npx!, ["--yes", RedoclyCli, "lint", documentPath, "--config", Path.Combine(AppContext.BaseDirectory, "OpenApi", "redocly.yaml"), "--format", "stylish"], directory.FullName);

            TestContext.Current.TestOutputHelper?.WriteLine(output);
            Assert.True(exitCode == 0, $"Redocly found problems in /openapi/v1.json:\n{output}");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static void SkipSaying(string reason)
    {
        TestContext.Current.TestOutputHelper?.WriteLine($"Bff.Mobile OpenAPI lint skipped: {reason}");
        Assert.Skip(reason);
    }

    private async Task<JsonNode> FetchAsync()
    {
        await using var bff = new MobileBffFactory(downstream);
        using var response = await bff.CreateClient().GetAsync("/openapi/v1.json", Cancellation);
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.IsSuccessStatusCode, $"/openapi/v1.json: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }

    private static IEnumerable<(string Id, string Path, JsonObject Operation)> Operations(JsonNode document) =>
        from path in document["paths"]!.AsObject()
        from method in path.Value!.AsObject()
        where Methods.Contains(method.Key)
        let operation = method.Value!.AsObject()
        select (operation["operationId"]?.GetValue<string>() ?? $"(no operationId: {method.Key} {path.Key})", $"{method.Key.ToUpperInvariant()} {path.Key}", operation);

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, IReadOnlyList<string> arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No colours, no update check: the output is read by a person in a test log.
        start.Environment["NO_COLOR"] = "1";
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Cancellation);
        var errors = process.StandardError.ReadToEndAsync(Cancellation);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        timeout.CancelAfter(NpxTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!Cancellation.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} ran longer than {NpxTimeout}");
        }

        return (process.ExitCode, await output + await errors);
    }
}
