using Commerce.Workflows.Saga;
using Temporalio.Api.Enums.V1;
using Temporalio.Exceptions;
using Temporalio.Worker;

namespace Commerce.Workflows.Tests.Saga;

/// <summary>
/// Sagas recorded by an earlier build (<c>Saga/Histories/</c>, see <see cref="SagaHistories"/>), finished and unfinished,
/// replayed through the current <see cref="OrderSaga"/>: a change that would make running sagas take another path fails
/// here, before it reaches a server. Workflows/README.md, "Changing the saga safely", says what to do then.
/// </summary>
public sealed class StoredHistoryReplayTests
{
    [Fact]
    public void A_history_of_every_kind_of_saga_is_stored()
    {
        // More may be kept (older shapes still running); these must be there.
        Assert.Subset(SagaHistories.Load().Keys.ToHashSet(), SagaHistories.Expected.ToHashSet());
    }

    [Fact]
    public async Task Every_stored_saga_history_replays_on_the_current_saga_without_diverging()
    {
        var stored = SagaHistories.Load();
        Assert.NotEmpty(stored);

        var replayer = new WorkflowReplayer(new WorkflowReplayerOptions().AddWorkflow<OrderSaga>());
        var diverged = new List<string>();
        foreach (var (name, history) in stored)
        {
            var replay = await replayer.ReplayWorkflowAsync(history, throwOnReplayFailure: false, TestContext.Current.CancellationToken);
            if (replay.ReplayFailure is { } failure)
            {
                diverged.Add($"{name}: {failure.Message}");
            }
        }

        Assert.Empty(diverged);
    }

    [Fact]
    public async Task A_stored_history_that_the_current_saga_would_not_have_written_fails_the_replay()
    {
        // As if the saga had once charged the card before reserving stock: today's saga reserves first.
        var history = SagaHistories.Load()[SagaHistories.Confirmed];
        history.Events.First(e => e.EventType == EventType.ActivityTaskScheduled)
            .ActivityTaskScheduledEventAttributes.ActivityType.Name = nameof(SagaStep.AuthorizePayment);

        var replay = await new WorkflowReplayer(new WorkflowReplayerOptions().AddWorkflow<OrderSaga>())
            .ReplayWorkflowAsync(history, throwOnReplayFailure: false, TestContext.Current.CancellationToken);

        Assert.IsType<WorkflowNondeterminismException>(replay.ReplayFailure);
    }
}
