using System.Collections.Concurrent;
using System.Text;
using Commerce.Faults.Tests.Invariants;
using Commerce.Testing;

namespace Commerce.Faults.Tests;

/// <summary>
/// The matrix's table, one row per fault in the order they ran: what was done, what the system did about it, and what
/// the invariant check over every database found afterwards. Printed and saved as <c>.test-results/fault-matrix.md</c>
/// when the run ends, rows of failed tests included.
/// </summary>
public sealed class MatrixReport
{
    public const string FileName = "fault-matrix.md";

    private readonly ConcurrentQueue<Row> _rows = new();

    public void Add(string fault, string outcome, InvariantReport invariants) =>
        _rows.Enqueue(new Row(fault, outcome, invariants));

    public string Markdown()
    {
        var table = new StringBuilder()
            .AppendLine("# The fault matrix")
            .AppendLine()
            .AppendLine("The whole system through the AppHost in local mode (real PostgreSQL, RabbitMQ and the in-process Temporal server), ")
            .AppendLine("orders placed through the web BFF; after each fault one check of the invariants over every database ")
            .AppendLine("(`tests/Faults.Tests`, `Invariants/InvariantCheck.cs`). Orders and outcomes count every order placed so far.")
            .AppendLine()
            .AppendLine("| fault | outcome | invariants | orders (confirmed / cancelled) |")
            .AppendLine("|---|---|---|---|");
        foreach (var row in _rows)
        {
            var verdict = row.Invariants.Holds ? "hold: " : "**BROKEN**: ";
            table.AppendLine($"| {Cell(row.Fault)} | {Cell(row.Outcome)} | {verdict}{row.Invariants.Summary} | {row.Invariants.Orders} ({row.Invariants.Confirmed} / {row.Invariants.Cancelled}) |");
        }

        return table.ToString();
    }

    public void Write()
    {
        var markdown = Markdown();
        Console.WriteLine(markdown);
        File.WriteAllText(Path.Combine(TestResults.Reports, FileName), markdown);
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");

    private sealed record Row(string Fault, string Outcome, InvariantReport Invariants);
}
