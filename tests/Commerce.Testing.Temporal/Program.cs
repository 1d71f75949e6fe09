using System.Runtime.InteropServices;
using Commerce.Testing.Temporal;
using Temporalio.Api.Enums.V1;

// Standalone: run a worker locally without a Temporal binary.
//   dotnet run --project tests/Commerce.Testing.Temporal -- --port 7233 --search-attribute OrderId=Keyword
//     [--ui-port 8233 --ui-root tools/temporal-ui/build]   the Temporal Web UI (tools/temporal-ui builds it)
// Nothing persists: every workflow is gone when this process stops.
var port = 7233;
var namespaces = new List<string>();
var searchAttributes = new Dictionary<string, IndexedValueType>();
int? uiPort = null;
string? uiRoot = null;
for (var i = 0; i < args.Length; i++)
{
    var value = i + 1 < args.Length ? args[i + 1] : null;
    switch (args[i])
    {
        case "--port" when int.TryParse(value, out var parsed):
            port = parsed;
            i++;
            break;
        case "--ui-port" when int.TryParse(value, out var parsed):
            uiPort = parsed;
            i++;
            break;
        case "--ui-root" when value is not null:
            uiRoot = value;
            i++;
            break;
        case "--namespace" when value is not null:
            namespaces.Add(value);
            i++;
            break;
        case "--search-attribute" when value?.Split('=') is [var name, var type]
            && Enum.TryParse<IndexedValueType>(type, ignoreCase: true, out var indexed):
            searchAttributes[name] = indexed;
            i++;
            break;
        default:
            await Console.Error.WriteLineAsync(
                "usage: [--port N] [--namespace NAME]... [--search-attribute NAME=Keyword|Text|Int|Double|Bool|Datetime|KeywordList]... "
                + "[--ui-port N --ui-root DIR]");
            return 2;
    }
}
if (uiPort.HasValue != (uiRoot is not null))
{
    await Console.Error.WriteLineAsync("--ui-port and --ui-root go together: the Web UI's port and the folder its site is built in.");
    return 2;
}

await using var server = await TemporalTestServer.StartAsync(new TemporalTestServerOptions
{
    Port = port,
    Namespaces = namespaces,
    SearchAttributes = searchAttributes,
    Ui = uiPort is { } siteListensOn ? new TemporalUiOptions(siteListensOn, Path.GetFullPath(uiRoot!)) : null,
});
Console.WriteLine($"Temporal test server listening on {server.Address} (in memory; nothing persists). Ctrl+C stops it.");
if (server.UiAddress is { } ui)
{
    Console.WriteLine($"Temporal Web UI on {ui}");
}
var stopped = new TaskCompletionSource();
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
await stopped.Task;
return 0;

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stopped.TrySetResult();
}
