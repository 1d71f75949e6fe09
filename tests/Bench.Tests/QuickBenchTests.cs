using System.Diagnostics;
using System.Reflection;
using System.Text.Json;

namespace Commerce.Bench.Tests;

/// <summary>
/// CI runs the bench's quick mode and checks that it measured every figure the benchmarks promise, each against its
/// raw baseline. The numbers themselves are not judged: on a shared two-core machine any threshold would be noise.
/// </summary>
public sealed class QuickBenchTests
{
    /// <summary>Every figure of issue 17, by the id the report gives it.</summary>
    private static readonly string[] Figures =
    [
        "catalog-list-throughput",
        "catalog-list-p99",
        "catalog-get-throughput",
        "catalog-get-p99",
        "bff-page-throughput",
        "bff-page-p99",
        "bff-aggregation-p50",
        "outbox-throughput",
        "outbox-commit-to-handled-p50",
        "outbox-commit-to-handled-p99",
        "saga-placed-to-confirmed-p50",
        "saga-placed-to-confirmed-p99",
    ];

    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(9);

    [Fact]
    public async Task The_quick_bench_measures_every_figure_against_its_raw_baseline()
    {
        var results = Path.Combine(RepositoryRoot(), ".test-results");
        File.Delete(Path.Combine(results, "bench-report.json"));

        var (exitCode, output) = await RunBenchAsync("--quick");

        Assert.True(exitCode == 0, $"The bench exited with code {exitCode}:\n{Tail(output)}");
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(results, "bench-report.json"), TestContext.Current.CancellationToken));
        var measured = report.RootElement.GetProperty("figures").EnumerateArray().ToDictionary(figure => figure.GetProperty("id").GetString()!);
        Assert.Equal(Figures.Order(), measured.Keys.Order());
        foreach (var (id, figure) in measured)
        {
            foreach (var value in new[] { "commerce", "raw" }.Select(side => figure.GetProperty(side).GetProperty("median")).Append(figure.GetProperty("ratio")))
            {
                Assert.True(IsPositive(value), $"{id}: {figure}");
            }
        }

        Assert.True(File.Exists(Path.Combine(results, "bench-report.md")));
    }

    private static bool IsPositive(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.GetDouble() is var number && double.IsFinite(number) && number > 0;

    /// <summary>The bench as `dotnet Commerce.Bench.dll`, with this process's environment (test.sh's servers).</summary>
    private static async Task<(int ExitCode, string Output)> RunBenchAsync(params string[] arguments)
    {
        var bench = typeof(QuickBenchTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == "BenchAssembly").Value!;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(bench)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(bench);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(Patience);
        var stdout = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            await Task.WhenAll(process.WaitForExitAsync(deadline.Token), stdout, stderr);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The quick bench did not finish within {Patience.TotalMinutes:0} minutes.");
        }

        var output = await stdout + await stderr;
        TestContext.Current.TestOutputHelper?.WriteLine(output);
        return (process.ExitCode, output);
    }

    private static string Tail(string output) => output.Length <= 6000 ? output : output[^6000..];

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Commerce.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Commerce.sln was not found above the test's folder.");
    }
}
