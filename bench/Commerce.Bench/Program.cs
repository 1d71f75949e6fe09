// The benchmarks of issue 17, one command for all of them: every figure a ratio of a Commerce measure to a raw
// baseline measured in the same run (bench/Raw: the same work with nothing around it).
//
//   dotnet run -c Release --project bench/Commerce.Bench [-- [--quick] [--closed-loop]]
//
// --quick: short warm-ups and runs, the same figures, for CI (tests/Bench.Tests). --closed-loop: the bench's own
// HTTP load generator even where wrk is installed. Uses the servers named by COMMERCE_TEST_POSTGRES /
// COMMERCE_TEST_RABBITMQ(_MANAGEMENT) when set (as under test.sh), else starts throwaway ones from the local binaries.
// The report is printed and written to .test-results/bench-report.md (and .json beside it).
using Commerce.Bench;
using Commerce.Bench.Harness;
using Commerce.Bench.Http;
using Commerce.Bench.Load;
using Commerce.Bench.Outbox;
using Commerce.Bench.Saga;

var mode = args.Contains("--quick") ? BenchMode.Quick : BenchMode.Full;
var startedAt = DateTimeOffset.UtcNow;
var loadBefore = MachineFacts.LoadAverage();
var load = await LoadGenerators.ChooseAsync(closedLoopRequested: args.Contains("--closed-loop"));

// WebApplicationFactory finds each service's content root through the manifest beside this program.
Environment.CurrentDirectory = AppContext.BaseDirectory;

BenchSection[] sections =
[
    await HttpBenchmark.RunAsync(mode, load),
    await OutboxBenchmark.RunAsync(mode),
    await SagaBenchmark.RunAsync(mode),
];

var facts = new RunFacts(
    // As run by hand; tests/Bench.Tests starts the same build's Commerce.Bench.dll, in the tests' configuration.
    Command: string.Join(' ', [$"dotnet run -c {MachineFacts.BuildConfiguration()} --project bench/Commerce.Bench", .. args.Length > 0 ? ["--", .. args] : Array.Empty<string>()]),
    Mode: mode.Name,
    Schedule: $"a warm-up, then {mode.Runs} runs of each row, the rows taking turns; HTTP rows {mode.WarmUp.TotalSeconds:F0} s warm-up and " +
        $"{mode.RunDuration.TotalSeconds:F0} s runs; {mode.OutboxMessages} outbox messages and {mode.LatencySamples} latency samples a run; " +
        $"{mode.SagaOrders} orders a saga run",
    StartedAt: startedAt,
    Machine: MachineFacts.Processor(),
    Memory: MachineFacts.Memory(),
    Runtime: MachineFacts.Runtime(),
    Build: MachineFacts.BuildConfiguration(),
    Commit: MachineFacts.GitCommit(),
    LoadAverageBefore: loadBefore,
    LoadAverageAfter: MachineFacts.LoadAverage(),
    HttpLoadGenerator: load.Description);
var report = new BenchReport(facts, sections);
var markdown = report.ToMarkdown();
var results = Path.Combine(MachineFacts.RepositoryRoot(), ".test-results");
Directory.CreateDirectory(results);
await File.WriteAllTextAsync(Path.Combine(results, "bench-report.md"), markdown);
await File.WriteAllTextAsync(Path.Combine(results, "bench-report.json"), report.ToJson());
Console.WriteLine();
Console.WriteLine(markdown);
Console.WriteLine($"written to {Path.Combine(results, "bench-report.md")}");
