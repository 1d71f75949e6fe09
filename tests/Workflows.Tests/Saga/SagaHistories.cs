extern alias temporaltestserver;

using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using temporaltestserver::Commerce.Testing.Temporal;
using Temporalio.Common;

namespace Commerce.Workflows.Tests.Saga;

/// <summary>
/// The saga histories kept in <c>Saga/Histories/</c>, one of each kind of saga a release may find running or finished,
/// replayed by <see cref="StoredHistoryReplayTests"/> against the current saga. The saga tests that produce them write
/// them again, over the stored ones, when <c>COMMERCE_RECORD_SAGA_HISTORIES=1</c> (from their in-process runs only).
/// </summary>
public static class SagaHistories
{
    public const string RecordVariable = "COMMERCE_RECORD_SAGA_HISTORIES";

    public const string Confirmed = "confirmed";
    public const string DeclinedAndCompensated = "declined-and-compensated";
    public const string CancelledByTheCustomer = "cancelled-by-the-customer";
    public const string CancelledByAnOperator = "cancelled-by-an-operator";

    /// <summary>Stopped while its grace period ran: a release must be able to pick such a saga up where it was.</summary>
    public const string UnfinishedInTheGracePeriod = "unfinished-in-the-grace-period";

    public static IReadOnlyList<string> Expected { get; } = [Confirmed, DeclinedAndCompensated, CancelledByTheCustomer, CancelledByAnOperator, UnfinishedInTheGracePeriod];

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Where the build copied the stored histories.</summary>
    public static string StoredDirectory => Path.Combine(AppContext.BaseDirectory, "Saga", "Histories");

    public static bool Recording => Environment.GetEnvironmentVariable(RecordVariable) == "1";

    /// <summary>Every stored history, by name.</summary>
    public static IReadOnlyDictionary<string, WorkflowHistory> Load() =>
        Directory.Exists(StoredDirectory)
            ? Directory.EnumerateFiles(StoredDirectory, "*.json").ToDictionary(
                file => Path.GetFileNameWithoutExtension(file),
                file => WorkflowHistory.FromJson(Path.GetFileNameWithoutExtension(file), File.ReadAllText(file)))
            : new Dictionary<string, WorkflowHistory>();

    /// <summary>Writes <paramref name="history"/> over the stored one of that name when recording, from an in-process run.</summary>
    public static async Task RecordIfAskedAsync(ServerKind kind, string name, WorkflowHistory history)
    {
        if (!Recording || kind != ServerKind.InProcess)
        {
            return;
        }
        var directory = Path.Combine(SourceDirectory(), "Histories");
        Assert.True(Directory.Exists(directory), $"{RecordVariable}=1 writes to the source tree, but {directory} is not there.");
        // Indented, so a re-recording reads as a diff event by event.
        var json = JsonNode.Parse(history.ToJson())!.ToJsonString(Indented) + "\n";
        await File.WriteAllTextAsync(Path.Combine(directory, name + ".json"), json, TestContext.Current.CancellationToken);
    }

    private static string SourceDirectory([CallerFilePath] string thisFile = "") => Path.GetDirectoryName(thisFile)!;
}
