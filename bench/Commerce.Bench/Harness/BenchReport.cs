using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Commerce.Bench.Harness;

/// <summary>Where and how the bench ran: what every figure depends on besides the code.</summary>
internal sealed record RunFacts(
    string Command,
    string Mode,
    string Schedule,
    DateTimeOffset StartedAt,
    string Machine,
    string Memory,
    string Runtime,
    string Build,
    string Commit,
    string LoadAverageBefore,
    string LoadAverageAfter,
    string HttpLoadGenerator);

/// <summary>The figures as one markdown report (medians, spreads, ratios, the machine) and as JSON for machines.</summary>
internal sealed class BenchReport(RunFacts facts, IReadOnlyList<BenchSection> sections)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // A figure that came to NaN or infinity is written as such, so the check names it instead of the writer failing.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public IEnumerable<Figure> Figures => sections.SelectMany(section => section.Figures);

    public string ToJson() => JsonSerializer.Serialize(new { facts, figures = Figures }, Json);

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        Line(text, "# Commerce benchmarks");
        Line(text);
        Line(text, $"- when: {facts.StartedAt:yyyy-MM-dd HH:mm} UTC, `{facts.Command}`, {facts.Mode} mode: {facts.Schedule}");
        Line(text, $"- machine: {facts.Machine}, {facts.Memory}; {facts.Runtime}; {facts.Build} build of {facts.Commit}");
        Line(text, $"- load average (1, 5, 15 min): before {facts.LoadAverageBefore}, after {facts.LoadAverageAfter}");
        Line(text, $"- HTTP load: {facts.HttpLoadGenerator}");
        Line(text);
        Line(text, "Each ratio is the Commerce median over the raw baseline's median, both measured in this run, their runs taking turns; " +
            "the spread is the smallest and largest run-by-run ratio. Values are medians with (min–max) over the runs. " +
            "For req/s and msg/s a ratio below 1 is what Commerce costs; for ms, one above 1.");
        Line(text);
        Line(text, "| figure | Commerce | raw baseline | ratio | spread | load generator | concurrency |");
        Line(text, "|---|---:|---:|---:|---:|---|---|");
        foreach (var figure in Figures)
        {
            Line(text, $"| {figure.Name} ÷ {figure.Baseline} | {Value(figure.Commerce, figure.Unit)} | {Value(figure.Raw, figure.Unit)} | " +
                $"{Number(figure.Ratio, "F2")} | {Number(figure.RunRatios.Min, "F2")}–{Number(figure.RunRatios.Max, "F2")} | {figure.LoadGenerator} | {figure.Concurrency} |");
        }

        foreach (var section in sections)
        {
            Line(text);
            Line(text, $"## {section.Title}");
            Line(text);
            Line(text, "| measured | concurrency | throughput | p50 ms | p99 ms |");
            Line(text, "|---|---:|---:|---:|---:|");
            foreach (var row in section.Rows)
            {
                var throughput = row.Throughput is { } measured ? Value(measured, row.ThroughputUnit) : "";
                Line(text, $"| {row.Name} | {row.Concurrency} | {throughput} | {(row.P50 is { } p50 ? Value(p50, "") : "")} | {(row.P99 is { } p99 ? Value(p99, "") : "")} |");
            }

            Line(text);
            foreach (var note in section.Notes)
            {
                Line(text, $"- {note}");
            }
        }

        return text.ToString();
    }

    private static string Value(Spread spread, string unit)
    {
        var format = unit is "req/s" or "msg/s" ? "F0" : "F2";
        var value = $"{Number(spread.Median, format)} ({Number(spread.Min, format)}–{Number(spread.Max, format)})";
        return unit is "" ? value : $"{value} {unit}";
    }

    private static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static void Line(StringBuilder text, string line = "") => text.Append(line).Append('\n');
}
