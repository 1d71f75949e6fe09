using Commerce.Bff.Web.Client.Screens;
using Commerce.Faults.Tests.Invariants;
using Commerce.Workflows.Saga;
using Dapper;

namespace Commerce.Faults.Tests;

/// <summary>
/// One fault of the matrix: it arranges the fault, places orders through the storefront, watches what the system does,
/// and ends with <see cref="EndWithInvariantsAsync"/>: the row of the report and the check over every database.
/// </summary>
[Collection(FaultMatrixCollection.Name)]
public abstract class MatrixTest(FaultMatrixSystem system)
{
    /// <summary>An order's saga to its end through the worst fault here: Inventory away for 30 s, then retry backoffs.</summary>
    protected static readonly TimeSpan OutcomeTimeout = TimeSpan.FromMinutes(3);

    /// <summary>Time for the last events and compensations after the orders ended, before a breach counts.</summary>
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromMinutes(2);

    protected FaultMatrixSystem System => system;

    protected SystemControl Control { get; } = new(system);

    protected FaultSwitches Faults { get; } = new(system);

    protected static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary><paramref name="count"/> orders of one unit of <paramref name="productId"/>, placed at once, paid with the approved card.</summary>
    protected async Task<Guid[]> PlaceOrdersAsync(int count, int productId = 1, string? cardToken = null)
    {
        var shopper = await system.ShopperAsync();
        var request = await shopper.CheckoutRequestAsync([new CartItem(productId, 1)], cardToken ?? await system.ApprovedCardAsync());
        return await Task.WhenAll(Enumerable.Range(0, count).Select(_ => shopper.PlaceOrderAsync(request)));
    }

    /// <summary>The order's end in Ordering's database: Confirmed or Cancelled (with the reason).</summary>
    protected async Task<OrderOutcome> WaitForOutcomeAsync(Guid orderId)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        timeout.CancelAfter(OutcomeTimeout);
        while (true)
        {
            var outcome = await ReadOutcomeAsync(orderId, timeout.Token);
            if (outcome.Status is OrderStatuses.Confirmed or OrderStatuses.Cancelled)
            {
                return outcome;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), timeout.Token);
        }
    }

    protected async Task<OrderOutcome[]> WaitForOutcomesAsync(IEnumerable<Guid> orderIds) =>
        await Task.WhenAll(orderIds.Select(WaitForOutcomeAsync));

    /// <summary>
    /// Until the saga of <paramref name="orderId"/> has reserved the stock and authorized the payment: it is in its
    /// grace period, mid-saga, with something to undo.
    /// </summary>
    protected async Task WaitUntilMidSagaAsync(Guid orderId)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        timeout.CancelAfter(OutcomeTimeout);
        await using var payments = await SystemDatabases.OpenAsync(system, SystemDatabases.Payments, timeout.Token);
        while (await payments.ExecuteScalarAsync<string?>(
                   new CommandDefinition("SELECT status FROM payments WHERE order_id = @orderId", new { orderId }, cancellationToken: timeout.Token))
               is not "authorized")
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token);
        }
    }

    /// <summary>How many attempts the saga of <paramref name="orderId"/> made at <paramref name="activity"/> before it completed, from its history.</summary>
    protected async Task<int> AttemptsAsync(Guid orderId, string activity)
    {
        var temporal = await system.TemporalAsync();
        var history = await temporal.GetWorkflowHandle(OrderSaga.WorkflowIdFor(orderId)).FetchHistoryAsync();
        var scheduled = history.Events
            .Where(e => e.ActivityTaskScheduledEventAttributes?.ActivityType.Name == activity)
            .Select(e => e.EventId)
            .ToHashSet();
        return history.Events
            .Where(e => e.ActivityTaskStartedEventAttributes is { } started && scheduled.Contains(started.ScheduledEventId))
            .Select(e => e.ActivityTaskStartedEventAttributes.Attempt)
            .DefaultIfEmpty(0)
            .Max();
    }

    /// <summary>Settles the system, adds the fault's row to the report, and fails naming every breach if an invariant broke.</summary>
    protected async Task EndWithInvariantsAsync(string fault, string outcome)
    {
        var invariants = await InvariantCheck.SettleAsync(system, SettleTimeout, Cancellation);
        system.Report.Add(fault, outcome, invariants);
        Assert.True(invariants.Holds, $"after {fault}: {invariants.Summary}{Environment.NewLine}{invariants.Details}");
    }

    /// <summary>"3 confirmed, 2 cancelled (out of stock)": how a set of orders ended, for the report.</summary>
    protected static string Describe(IEnumerable<OrderOutcome> outcomes) => string.Join(", ", outcomes
        .GroupBy(outcome => outcome.Status == OrderStatuses.Cancelled ? $"cancelled ({outcome.Reason})" : outcome.Status)
        .OrderBy(group => group.Key, StringComparer.Ordinal)
        .Select(group => $"{group.Count()} {group.Key}"));

    protected Task<OrderOutcome> ReadOutcomeAsync(Guid orderId) => ReadOutcomeAsync(orderId, Cancellation);

    private async Task<OrderOutcome> ReadOutcomeAsync(Guid orderId, CancellationToken cancellationToken)
    {
        await using var ordering = await SystemDatabases.OpenAsync(system, SystemDatabases.Ordering, cancellationToken);
        return await ordering.QuerySingleAsync<OrderOutcome>(new CommandDefinition(
            "SELECT order_id AS OrderId, status AS Status, cancellation_reason AS Reason FROM orders WHERE order_id = @orderId",
            new { orderId }, cancellationToken: cancellationToken));
    }
}

/// <summary>An order as Ordering's database has it.</summary>
public sealed record OrderOutcome(Guid OrderId, string Status, string? Reason);
