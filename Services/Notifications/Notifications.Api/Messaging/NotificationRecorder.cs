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
    /// <summary>For Ordering's events, which name the customer and the order's reference; they teach the map both.</summary>
    public async Task RecordAsync(
        string customerId, Guid orderId, string? reference, NotificationContent content, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        await customers.RememberAsync(orderId, customerId, reference, context.Transaction, cancellationToken);
        await RecordForAsync(customerId, orderId, content, context, cancellationToken);
    }

    /// <summary>
    /// For events that carry only the order id. Until the order's <c>OrderPlaced</c> has been handled here the
    /// customer (and the order's reference) is unknown: throwing rolls back and sends the event back to the queue to
    /// try again later, and the consumer dead-letters it once its deliveries run out (the order never appeared).
    /// </summary>
    /// <exception cref="OrderNotYetKnownException">No event has named the order's customer yet.</exception>
    /// <param name="content">The notification, given the order's reference as Ordering's events told it.</param>
    public async Task RecordForOrderAsync(
        Guid orderId, Func<string?, NotificationContent> content, IntegrationEventContext context, CancellationToken cancellationToken)
    {
        var order = await customers.FindAsync(orderId, context.Transaction, cancellationToken)
            ?? throw new OrderNotYetKnownException(orderId);
        await RecordForAsync(order.CustomerId, orderId, content(order.Reference), context, cancellationToken);
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
