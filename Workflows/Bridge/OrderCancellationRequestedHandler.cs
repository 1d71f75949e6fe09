using Commerce.Messaging.Consumer;
using Commerce.Ordering.Contracts;
using Commerce.Workflows.Saga;
using Temporalio.Api.Enums.V1;
using Temporalio.Client;
using Temporalio.Exceptions;

namespace Commerce.Workflows.Bridge;

/// <summary>
/// Passes the customer's cancellation to the order's saga, which decides whether it is still in time. A saga that has
/// already ended has nothing to cancel: logged, and the message is done. A saga that does not exist yet (its
/// <see cref="OrderPlaced"/> still on its way, or being retried) is a failure, so the message comes back later rather
/// than the customer's request being lost.
/// </summary>
internal sealed partial class OrderCancellationRequestedHandler(ITemporalClient temporal, ILogger<OrderCancellationRequestedHandler> logger)
    : IIntegrationEventHandler<OrderCancellationRequested>
{
    public async Task HandleAsync(OrderCancellationRequested integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        var workflowId = OrderSaga.WorkflowIdFor(integrationEvent.OrderId);
        var saga = temporal.GetWorkflowHandle<OrderSaga>(workflowId);
        var rpc = new RpcOptions { CancellationToken = cancellationToken };
        try
        {
            await saga.SignalAsync(s => s.RequestCancellationAsync(integrationEvent.Reason), new WorkflowSignalOptions { Rpc = rpc });
            LogSignalled(workflowId, context.MessageId);
        }
        catch (RpcException exception) when (exception.Code == RpcException.StatusCode.NotFound)
        {
            // Signalling a closed run answers NotFound too: tell "ended" from "never started" by asking.
            var status = await StatusOfAsync(saga, rpc);
            if (status is null)
            {
                throw new InvalidOperationException($"Saga {workflowId} has not been started yet; the cancellation will be retried.", exception);
            }

            LogAlreadyEnded(workflowId, status.Value, context.MessageId);
        }
    }

    private static async Task<WorkflowExecutionStatus?> StatusOfAsync(WorkflowHandle saga, RpcOptions rpc)
    {
        try
        {
            return (await saga.DescribeAsync(new WorkflowDescribeOptions { Rpc = rpc })).Status;
        }
        catch (RpcException exception) when (exception.Code == RpcException.StatusCode.NotFound)
        {
            return null;
        }
    }

    [LoggerMessage(LogLevel.Information, "Signalled saga {WorkflowId} to cancel (OrderCancellationRequested {MessageId})")]
    private partial void LogSignalled(string workflowId, Guid messageId);

    [LoggerMessage(LogLevel.Information, "Saga {WorkflowId} already ended ({Status}); OrderCancellationRequested {MessageId} has nothing to cancel")]
    private partial void LogAlreadyEnded(string workflowId, WorkflowExecutionStatus status, Guid messageId);
}
