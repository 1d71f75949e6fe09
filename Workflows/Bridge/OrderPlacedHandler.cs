using Commerce.Messaging.Consumer;
using Commerce.Ordering.Contracts;
using Commerce.Workflows.Saga;
using Commerce.Workflows.Temporal;
using Microsoft.Extensions.Options;
using Temporalio.Api.Enums.V1;
using Temporalio.Client;
using Temporalio.Common;
using Temporalio.Exceptions;

namespace Commerce.Workflows.Bridge;

/// <summary>
/// Starts the order's saga. The workflow id is the order's (<c>order-{orderId}</c>) and a closed saga's id is never
/// reused, so however often the event arrives — a redelivery, a republished duplicate, a message handled again after
/// its inbox row was purged — there is one saga per order; "already started" is that saga, so the message is done.
/// </summary>
internal sealed partial class OrderPlacedHandler(
    ITemporalClient temporal, IOptions<SagaStartOptions> options, ILogger<OrderPlacedHandler> logger) : IIntegrationEventHandler<OrderPlaced>
{
    public async Task HandleAsync(OrderPlaced integrationEvent, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        var input = OrderSagaInput.From(integrationEvent, options.Value.GracePeriod);
        var workflowOptions = new WorkflowOptions(OrderSaga.WorkflowIdFor(input.OrderId), OrderSaga.TaskQueue)
        {
            IdReusePolicy = WorkflowIdReusePolicy.RejectDuplicate,
            IdConflictPolicy = WorkflowIdConflictPolicy.Fail,
            // Set at the start as well as by the saga, so an operator finds it by order or customer even if no worker
            // has picked it up yet.
            TypedSearchAttributes = new SearchAttributeCollection.Builder()
                .Set(OrderSaga.OrderIdAttribute, input.OrderId.ToString())
                .Set(OrderSaga.CustomerIdAttribute, input.CustomerId)
                .Set(OrderSaga.OrderStatusAttribute, SagaStatus.Pending)
                .ToSearchAttributeCollection(),
            Rpc = new RpcOptions { CancellationToken = cancellationToken },
        };
        try
        {
            await StartAsync(input, workflowOptions, context.MessageId);
        }
        catch (RpcException refused) when (refused.Code == RpcException.StatusCode.InvalidArgument)
        {
            // The worker registers the saga's search attributes when it connects; a server that has since lost its state
            // (a dev or in-process server restarted) refuses every start naming them. Registering them again is the
            // cure, and cheap; any other invalid argument stays this message's failure.
            if (!await SearchAttributeRegistration.EnsureRegisteredAsync(temporal, OrderSaga.SearchAttributes, cancellationToken))
            {
                throw;
            }

            LogSearchAttributesRegisteredAgain(context.MessageId);
            await StartAsync(input, workflowOptions, context.MessageId);
        }
    }

    private async Task StartAsync(OrderSagaInput input, WorkflowOptions workflowOptions, Guid messageId)
    {
        try
        {
            await temporal.StartWorkflowAsync((OrderSaga saga) => saga.RunAsync(input), workflowOptions);
            LogStarted(workflowOptions.Id!, messageId);
        }
        catch (WorkflowAlreadyStartedException)
        {
            LogAlreadyStarted(workflowOptions.Id!, messageId);
        }
    }

    [LoggerMessage(LogLevel.Information, "Started saga {WorkflowId} for OrderPlaced {MessageId}")]
    private partial void LogStarted(string workflowId, Guid messageId);

    [LoggerMessage(LogLevel.Information, "Saga {WorkflowId} was already started; OrderPlaced {MessageId} is a duplicate")]
    private partial void LogAlreadyStarted(string workflowId, Guid messageId);

    [LoggerMessage(LogLevel.Warning, "The Temporal server no longer knew the saga's search attributes (it lost its state?); registered them again for OrderPlaced {MessageId}")]
    private partial void LogSearchAttributesRegisteredAgain(Guid messageId);
}
