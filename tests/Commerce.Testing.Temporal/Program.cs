using System.Runtime.InteropServices;
using Commerce.Testing.Temporal;
using Temporalio.Api.Enums.V1;

// Standalone: run a worker locally without a Temporal binary.
//   dotnet run --project tests/Commerce.Testing.Temporal -- --port 7233 --search-attribute OrderId=Keyword
// Nothing persists: every workflow is gone when this process stops.
var port = 7233;
var namespaces = new List<string>();
var searchAttributes = new Dictionary<string, IndexedValueType>();
for (var i = 0; i < args.Length; i++)
{
    var value = i + 1 < args.Length ? args[i + 1] : null;
    switch (args[i])
    {
        case "--port" when int.TryParse(value, out var parsed):
            port = parsed;
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
                "usage: [--port N] [--namespace NAME]... [--search-attribute NAME=Keyword|Text|Int|Double|Bool|Datetime|KeywordList]...");
            return 2;
    }
}

await using var server = await TemporalTestServer.StartAsync(new TemporalTestServerOptions
{
    Port = port,
    Namespaces = namespaces,
    SearchAttributes = searchAttributes,
});
Console.WriteLine($"Temporal test server listening on {server.Address} (in memory; nothing persists). Ctrl+C stops it.");
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
