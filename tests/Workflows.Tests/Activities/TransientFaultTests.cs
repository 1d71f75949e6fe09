using Commerce.Inventory.Contracts;
using Commerce.Workflows.Activities;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Http.Resilience;
using Refit;

namespace Commerce.Workflows.Tests.Activities;

/// <summary>Faults below HTTP, and the proof that Temporal's retry policy is the activities' only retry layer.</summary>
public sealed class TransientFaultTests(Participants participants) : IDisposable
{
    private readonly WorkerServices _unreachable = new(participants.CreateWorkerServices(reachable: false));

    [Fact]
    public async Task A_participant_that_cannot_be_reached_is_a_retryable_failure_for_every_step()
    {
        var orderId = Guid.NewGuid();

        await ActivityRun.IsRetryableAsync(() => _unreachable.Get<InventoryActivities>().ReserveStockAsync(new ReserveStockInput(orderId, [new ReservationLine(1, 1)])));
        await ActivityRun.IsRetryableAsync(() => _unreachable.Get<InventoryActivities>().ReleaseStockAsync(orderId));
        await ActivityRun.IsRetryableAsync(() => _unreachable.Get<PaymentActivities>().AuthorizePaymentAsync(new AuthorizePaymentInput(orderId, "tok_0", 1m, "USD")));
        await ActivityRun.IsRetryableAsync(() => _unreachable.Get<PaymentActivities>().UndoPaymentAsync(orderId));
        await ActivityRun.IsRetryableAsync(() => _unreachable.Get<ShippingActivities>().CreateShipmentAsync(new CreateShipmentInput(orderId, Addresses.Deliverable, [])));
        await ActivityRun.IsRetryableAsync(() => _unreachable.Get<ShippingActivities>().CancelShipmentAsync(orderId));
        await ActivityRun.IsRetryableAsync(() => _unreachable.Get<OrderingActivities>().ConfirmOrderAsync(orderId));
        await ActivityRun.IsRetryableAsync(() => _unreachable.Get<OrderingActivities>().CancelOrderAsync(new CancelOrderInput(orderId, "reason")));
    }

    [Fact]
    public void The_participants_clients_have_no_resilience_handler_though_other_clients_do()
    {
        var handlers = (IHttpMessageHandlerFactory)_unreachable.Root.GetService(typeof(IHttpMessageHandlerFactory))!;

        Assert.True(HasResilienceHandler(handlers.CreateHandler("any-other-client")), "ServiceDefaults should give other clients the standard handler");
        Assert.False(HasResilienceHandler(handlers.CreateHandler(UniqueName.ForType<IInventoryApi>())));
        Assert.False(HasResilienceHandler(handlers.CreateHandler(UniqueName.ForType<Commerce.Payments.Contracts.IPaymentsApi>())));
        Assert.False(HasResilienceHandler(handlers.CreateHandler(UniqueName.ForType<Commerce.Shipping.Contracts.IShippingApi>())));
        Assert.False(HasResilienceHandler(handlers.CreateHandler(UniqueName.ForType<Commerce.Ordering.Contracts.IOrderingApi>())));
    }

    private static bool HasResilienceHandler(HttpMessageHandler handler)
    {
        for (var current = handler; current is DelegatingHandler delegating; current = delegating.InnerHandler)
        {
            if (current is ResilienceHandler)
            {
                return true;
            }
        }

        return false;
    }

    public void Dispose() => _unreachable.Dispose();
}
