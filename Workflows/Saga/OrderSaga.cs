using Commerce.Inventory.Contracts;
using Commerce.Shipping.Contracts;
using Commerce.Workflows.Activities;
using Microsoft.Extensions.Logging;
using Temporalio.Api.Enums.V1;
using Temporalio.Common;
using Temporalio.Exceptions;
using Temporalio.Workflows;

namespace Commerce.Workflows.Saga;

/// <summary>
/// One order, from placed to confirmed or cancelled: reserve stock → authorize payment → grace period → create
/// shipment → capture payment → commit stock → confirm order. Each step registers its compensation before it runs;
/// on a refusal, a step out of retries, the customer's cancellation or an operator's (Temporal's own cancel), the
/// registered compensations run in reverse and the order is cancelled with the reason. Workflow code: no I/O, clocks or
/// randomness outside Temporal's APIs.
/// </summary>
[Workflow]
public sealed class OrderSaga
{
    public const string TaskQueue = "orders";

    public static readonly SearchAttributeKey<string> OrderIdAttribute = SearchAttributeKey.CreateKeyword("OrderId");
    public static readonly SearchAttributeKey<string> CustomerIdAttribute = SearchAttributeKey.CreateKeyword("CustomerId");
    public static readonly SearchAttributeKey<string> OrderStatusAttribute = SearchAttributeKey.CreateKeyword("OrderStatus");

    /// <summary>
    /// Every search attribute the saga sets, all Keyword (matched exactly, as an operator searches by id or status): the
    /// one definition. The server must know them before the first saga starts; the worker registers them at start-up
    /// (<see cref="Temporal.SearchAttributeRegistration"/>), so no server needs them configured.
    /// </summary>
    public static IReadOnlyDictionary<string, IndexedValueType> SearchAttributes { get; } =
        new[] { OrderIdAttribute, CustomerIdAttribute, OrderStatusAttribute }.ToDictionary(key => key.Name, key => key.ValueType);

    private readonly SagaProgress _progress = new();
    private readonly Stack<(SagaStep Step, Func<Task> Undo)> _compensations = new();
    private string? _cancellationRequest;
    private bool _shipmentCreated;

    public static string WorkflowIdFor(Guid orderId) => $"order-{orderId}";

    [WorkflowRun]
    public async Task<OrderSagaProgress> RunAsync(OrderSagaInput input)
    {
        var orderId = input.OrderId;
        Workflow.UpsertTypedSearchAttributes(
            OrderIdAttribute.ValueSet(orderId.ToString()),
            CustomerIdAttribute.ValueSet(input.CustomerId),
            OrderStatusAttribute.ValueSet(SagaStatus.Pending));

        try
        {
            await StepAsync(
                SagaStep.ReserveStock,
                SagaActivityOptions.ReserveStock,
                (InventoryActivities inventory) => inventory.ReserveStockAsync(new ReserveStockInput(
                    orderId, input.Lines.Select(line => new ReservationLine(line.ProductId, line.Quantity)).ToArray())),
                undo: () => CompensateAsync((InventoryActivities inventory) => inventory.ReleaseStockAsync(orderId)));
            await StepAsync(
                SagaStep.AuthorizePayment,
                SagaActivityOptions.AuthorizePayment,
                (PaymentActivities payments) => payments.AuthorizePaymentAsync(new AuthorizePaymentInput(orderId, input.PaymentToken, input.Total, input.Currency)),
                undo: () => CompensateAsync((PaymentActivities payments) => payments.UndoPaymentAsync(orderId)));

            // The customer may still change their mind. A durable timer: a worker restart does not reset it.
            _progress.Running(SagaStep.GracePeriod);
            if (input.GracePeriod > TimeSpan.Zero)
            {
                try
                {
                    await Workflow.WaitConditionAsync(() => _cancellationRequest is not null, input.GracePeriod);
                }
                catch (OperationCanceledException) when (OperatorCancelled)
                {
                    _progress.Done(SagaStep.GracePeriod);
                    throw SagaStopped.ByAnOperator();
                }
            }

            _progress.Done(SagaStep.GracePeriod);
            ThrowIfCancellationRequested();

            await StepAsync(
                SagaStep.CreateShipment,
                SagaActivityOptions.CreateShipment,
                (ShippingActivities shipping) => shipping.CreateShipmentAsync(new CreateShipmentInput(
                    orderId, ToShippingAddress(input), input.Lines.Select(line => new ShipmentLine(line.ProductId, line.Quantity)).ToArray())),
                undo: () => CompensateAsync((ShippingActivities shipping) => shipping.CancelShipmentAsync(orderId)));
            // A request that came while the shipment was being created came before it existed: still honoured.
            ThrowIfCancellationRequested();
            _shipmentCreated = true;

            // Past this point the order is carried through, whoever asks to cancel: the customer's request and an
            // operator's are recorded and ignored alike (committed stock cannot be released), and these steps run on a
            // token the workflow's cancellation does not reach, so neither leaves the order half-done.
            // The authorization's compensation already refunds once the payment is captured, so capture registers none.
            await FinishingStepAsync(SagaStep.CapturePayment, SagaActivityOptions.CapturePayment, (PaymentActivities payments) => payments.CapturePaymentAsync(orderId));
            await FinishingStepAsync(SagaStep.CommitStock, SagaActivityOptions.CommitStock, (InventoryActivities inventory) => inventory.CommitStockAsync(orderId));
            await FinishingStepAsync(SagaStep.ConfirmOrder, SagaActivityOptions.ConfirmOrder, (OrderingActivities ordering) => ordering.ConfirmOrderAsync(orderId));

            _progress.Confirmed();
            Workflow.UpsertTypedSearchAttributes(OrderStatusAttribute.ValueSet(SagaStatus.Confirmed));
            return _progress.Snapshot();
        }
        catch (SagaStopped stopped)
        {
            await CancelAsync(orderId, stopped.Reason);
            if (stopped.ByOperator)
            {
                // Ends as Canceled, not Completed: that is what whoever pressed Cancel in the Temporal UI (or ran
                // `temporal workflow cancel`) expects to see, and what `ExecutionStatus = 'Canceled'` finds. Thrown only
                // once every compensation has run; the order's own status and reason are in Ordering and in the query.
                throw new OperationCanceledException(SagaReasons.CancelledByOperator, Workflow.CancellationToken);
            }

            return _progress.Snapshot();
        }
    }

    /// <summary>Temporal's own cancellation (RequestCancelWorkflowExecution) reached the saga.</summary>
    private static bool OperatorCancelled => Workflow.CancellationToken.IsCancellationRequested;

    /// <summary>The customer asked to cancel: honoured until the shipment is created, then recorded and ignored.</summary>
    [WorkflowSignal]
    public Task RequestCancellationAsync(string reason)
    {
        if (_shipmentCreated)
        {
            _progress.IgnoredCancellation(reason);
        }
        else
        {
            _cancellationRequest ??= reason;
        }

        return Task.CompletedTask;
    }

    [WorkflowQuery]
    public OrderSagaProgress GetProgress() => _progress.Snapshot();

    private async Task StepAsync<TActivities>(
        SagaStep step, StepPolicy policy, System.Linq.Expressions.Expression<Func<TActivities, Task>> activity, Func<Task>? undo)
    {
        ThrowIfCancellationRequested();
        // Registered before the step runs: a step whose answer was lost to a timeout may still have taken effect.
        if (undo is not null)
        {
            _compensations.Push((step, undo));
        }

        _progress.Running(step);
        try
        {
            // On the workflow's token: an operator's cancel abandons the attempt (its compensation is registered, and a
            // late effect is refused once the compensation has run).
            await Workflow.ExecuteActivityAsync(activity, SagaActivityOptions.For(policy));
        }
        catch (ActivityFailureException failure) when (OperatorCancelled && TemporalException.IsCanceledException(failure))
        {
            _progress.Failed(step);
            throw SagaStopped.ByAnOperator();
        }
        catch (ActivityFailureException failure)
        {
            _progress.Failed(step);
            throw new SagaStopped(SagaReasons.ForFailure((failure.InnerException as ApplicationFailureException)?.ErrorType));
        }

        _progress.Done(step);
    }

    /// <summary>A step after the shipment exists: never abandoned, and a cancellation meanwhile is recorded as ignored.</summary>
    private async Task FinishingStepAsync<TActivities>(
        SagaStep step, StepPolicy policy, System.Linq.Expressions.Expression<Func<TActivities, Task>> activity)
    {
        _progress.Running(step);
        try
        {
            await Workflow.ExecuteActivityAsync(activity, Uncancellable(SagaActivityOptions.For(policy)));
        }
        catch (ActivityFailureException failure)
        {
            _progress.Failed(step);
            throw new SagaStopped(SagaReasons.ForFailure((failure.InnerException as ApplicationFailureException)?.ErrorType));
        }
        finally
        {
            if (OperatorCancelled)
            {
                _progress.IgnoredCancellation(SagaReasons.CancelledByOperator);
            }
        }

        _progress.Done(step);
    }

    private void ThrowIfCancellationRequested()
    {
        if (_cancellationRequest is { } reason)
        {
            throw new SagaStopped(reason);
        }

        if (OperatorCancelled)
        {
            throw SagaStopped.ByAnOperator();
        }
    }

    /// <summary>Undoes every registered step, last first, then cancels the order with the reason.</summary>
    private async Task CancelAsync(Guid orderId, string reason)
    {
        _progress.Compensating(reason);
        Workflow.UpsertTypedSearchAttributes(OrderStatusAttribute.ValueSet(SagaStatus.Compensating));
        var failures = new List<string>();
        while (_compensations.TryPop(out var compensation))
        {
            try
            {
                await compensation.Undo();
                _progress.Compensated(compensation.Step);
            }
            catch (ActivityFailureException failure)
            {
                // Only a non-retryable refusal ends a compensation (say, a parcel already dispatched): the rest still
                // run, and the saga then fails so an operator sees it.
                Workflow.Logger.LogError(failure, "Compensation of {Step} for order {OrderId} was refused", compensation.Step, orderId);
                failures.Add($"{compensation.Step}: {failure.InnerException?.Message ?? failure.Message}");
            }
        }

        await CompensateAsync((OrderingActivities ordering) => ordering.CancelOrderAsync(new CancelOrderInput(orderId, reason)));
        _progress.Cancelled();
        Workflow.UpsertTypedSearchAttributes(OrderStatusAttribute.ValueSet(SagaStatus.Cancelled));
        if (failures.Count > 0)
        {
            throw new ApplicationFailureException(
                $"Order {orderId} was cancelled, but some steps could not be undone: {string.Join("; ", failures)}", "CompensationRefused", nonRetryable: true);
        }
    }

    // Never on the workflow's token: once an operator has cancelled the saga that token is cancelled, and undoing the
    // order is exactly what must still run to the end.
    private static Task CompensateAsync<TActivities>(System.Linq.Expressions.Expression<Func<TActivities, Task>> activity) =>
        Workflow.ExecuteActivityAsync(activity, Uncancellable(SagaActivityOptions.For(SagaActivityOptions.Compensation)));

    private static ActivityOptions Uncancellable(ActivityOptions options)
    {
        options.CancellationToken = CancellationToken.None;
        return options;
    }

    private static ShippingAddress ToShippingAddress(OrderSagaInput input) => new(
        input.ShippingAddress.Name,
        input.ShippingAddress.Line1,
        input.ShippingAddress.Line2,
        input.ShippingAddress.City,
        input.ShippingAddress.PostalCode,
        input.ShippingAddress.Country);

    /// <summary>Unwinds the forward steps to the compensation; never leaves the workflow.</summary>
    private sealed class SagaStopped(string reason, bool byOperator = false) : Exception(reason)
    {
        public string Reason { get; } = reason;

        /// <summary>Stopped by Temporal's cancellation rather than by the order's own course.</summary>
        public bool ByOperator { get; } = byOperator;

        public static SagaStopped ByAnOperator() => new(SagaReasons.CancelledByOperator, byOperator: true);
    }
}
