using Commerce.Messaging.Consumer;
using Commerce.Notifications.Api.Data;
using Commerce.Notifications.Api.Domain;

namespace Commerce.Notifications.Api.Messaging;

/// <summary>
/// Records a notification in the transaction of the event that caused it, next to that event's inbox row: a
/// redelivered event finds its inbox row and records nothing, so each event notifies once.
/// </summary>
public sealed class NotificationRecorder(OrderCustomerStore customers, NotificationStore notifications)
{
    /// <summary>For events that name the customer; they also teach the order → customer map.</summary>
    public async Task RecordAsync(
        string customerId, Guid orderId, NotificationContent content, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        await customers.RememberAsync(orderId, customerId, context.Transaction, cancellationToken);
        await RecordForAsync(customerId, orderId, content, context, cancellationToken);
    }

    /// <summary>
    /// For events that carry only the order id. Until the order's <c>OrderPlaced</c> has been handled here the
    /// customer is unknown: throwing rolls back and sends the event back to the queue to try again later, and the
    /// consumer dead-letters it once its deliveries run out (the order never appeared).
    /// </summary>
    /// <exception cref="OrderNotYetKnownException">No event has named the order's customer yet.</exception>
    public async Task RecordForOrderAsync(Guid orderId, NotificationContent content, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        var customerId = await customers.FindCustomerAsync(orderId, context.Transaction, cancellationToken)
            ?? throw new OrderNotYetKnownException(orderId);
        await RecordForAsync(customerId, orderId, content, context, cancellationToken);
    }

    private Task RecordForAsync(string customerId, Guid orderId, NotificationContent content, IntegrationEventContext context, CancellationToken cancellationToken) =>
        notifications.RecordAsync(
            new CustomerNotification(Guid.CreateVersion7(), context.MessageId, customerId, orderId, content.Kind, content.Text, context.OccurredAt),
            context.Transaction,
            cancellationToken);
}

/// <summary>An event about an order arrived before any event that names the order's customer.</summary>
public sealed class OrderNotYetKnownException(Guid orderId)
    : Exception($"Order {orderId} is not known here yet: its OrderPlaced has not been handled.")
{
    public Guid OrderId { get; } = orderId;
}
