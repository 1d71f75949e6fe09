using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Commerce.Bench.Load;

/// <summary>
/// wrk, when the machine has it: a C event loop on one thread in a process of its own, so the load costs the servers
/// far less CPU than an in-process HttpClient would. A Lua script walks the target's requests and reports wrk's own
/// latency percentiles.
/// </summary>
internal sealed class WrkLoad(string version) : ILoadGenerator
{
    private const string ResultMarker = "wrk-result";

    public string Name => version;

    public string Description => $"{version}, closed loop (one thread, one keep-alive connection per client)";

    /// <summary>wrk from PATH, or null when there is none.</summary>
    public static async Task<WrkLoad?> FindAsync()
    {
        try
        {
            // wrk has no version flag of its own: an unknown one prints usage, whose first line names the version.
            var (output, _) = await RunProcessAsync("wrk", ["-v"]);
            return new WrkLoad(output.Split('\n')[0].Split(" [")[0].Trim());
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    public async Task<LoadRun> RunAsync(LoadTarget target, int concurrency, TimeSpan duration)
    {
        var script = Path.Combine(Path.GetTempPath(), $"commerce-bench-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(script, Script(target));
        try
        {
            var (output, exitCode) = await RunProcessAsync("wrk",
            [
                "-t1", $"-c{concurrency}", $"-d{(int)Math.Ceiling(duration.TotalSeconds)}s", "--timeout", "10s", "-s", script, target.BaseAddress.ToString(),
            ]);
            var line = output.Split('\n').FirstOrDefault(candidate => candidate.StartsWith(ResultMarker, StringComparison.Ordinal))
                ?? throw new InvalidOperationException($"wrk exited with {exitCode} and no result:\n{output}");
            var values = line[ResultMarker.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(pair => pair.Split('='))
                .ToDictionary(pair => pair[0], pair => double.Parse(pair[1], CultureInfo.InvariantCulture));
            if (values["non2xx"] > 0 || values["socket_errors"] > 0)
            {
                throw new InvalidOperationException($"{target.Name}: {values["non2xx"]} answers not 2xx, {values["socket_errors"]} socket errors:\n{output}");
            }

            return new LoadRun(
                values["requests"] / (values["duration_us"] / 1e6),
                values["p50_us"] / 1000,
                values["p99_us"] / 1000,
                (long)values["requests"]);
        }
        finally
        {
            File.Delete(script);
        }
    }

    /// <summary>Every request formatted once up front, so the loop only hands out the next one.</summary>
    private static string Script(LoadTarget target)
    {
        var requests = new StringBuilder();
        foreach (var request in target.Requests)
        {
            requests.Append(CultureInfo.InvariantCulture, $"    wrk.format({Lua(request.Method.Method)}, {Lua(request.PathAndQuery)}, ");
            requests.Append(request.JsonBody is not { } body ? "nil, nil" : $"{{ [\"Content-Type\"] = \"application/json\" }}, {Lua(body)}").AppendLine("),");
        }

        // In init, not at the top: wrk sets the Host header (which wrk.format copies) only just before calling it.
        return $$"""
            local requests = {}
            local position = 0

            init = function(_)
              requests = {
            {{requests}}  }
            end

            request = function()
              position = position % #requests + 1
              return requests[position]
            end

            done = function(summary, latency, _)
              local errors = summary.errors
              io.write(string.format("{{ResultMarker}} requests=%f duration_us=%f p50_us=%f p99_us=%f non2xx=%f socket_errors=%f\n",
                summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
                errors.status, errors.connect + errors.read + errors.write + errors.timeout))
            end
            """;
    }

    /// <summary>A Lua long string: nothing inside it is an escape, and no JSON here contains its closing <c>]==]</c>.</summary>
    private static string Lua(string text) => $"[==[{text}]==]";

    private static async Task<(string Output, int ExitCode)> RunProcessAsync(string fileName, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (await output + await error, process.ExitCode);
    }
}
