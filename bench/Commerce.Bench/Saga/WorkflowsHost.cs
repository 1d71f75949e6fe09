extern alias workflows;

using Temporalio.Client;
using Temporalio.Exceptions;
using workflows::Commerce.Workflows.Saga;

namespace Commerce.Bench.Saga;

/// <summary>Watches sagas on the Temporal server the Workflows service runs them on.</summary>
internal sealed class WorkflowsHost(TemporalClient client)
{
    public static async Task<WorkflowsHost> ConnectAsync(string address) => new(await TemporalClient.ConnectAsync(new(address)));

    /// <summary>Waits for the order's saga, once the bridge has started it, to end; it must end confirmed.</summary>
    public async Task WaitForConfirmationAsync(Guid orderId)
    {
        var saga = client.GetWorkflowHandle<OrderSaga, OrderSagaProgress>(OrderSaga.WorkflowIdFor(orderId));
        while (true)
        {
            try
            {
                var outcome = await saga.GetResultAsync();
                if (outcome.Status != SagaStatus.Confirmed)
                {
                    throw new InvalidOperationException($"Saga {saga.Id} ended {outcome.Status}: {outcome.CancellationReason}");
                }

                return;
            }
            catch (RpcException exception) when (exception.Code == RpcException.StatusCode.NotFound)
            {
                // The bridge has not started it yet.
                await Task.Delay(TimeSpan.FromMilliseconds(5));
            }
        }
    }
}
