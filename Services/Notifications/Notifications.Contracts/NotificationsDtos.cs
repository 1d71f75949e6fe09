namespace Commerce.Notifications.Contracts;

/// <summary>What a notification is about; one kind per customer-facing event.</summary>
public static class NotificationKinds
{
    public const string OrderReceived = "order-received";
    public const string OrderConfirmed = "order-confirmed";
    public const string OrderCancelled = "order-cancelled";
    public const string OrderShipped = "order-shipped";
    public const string PaymentRefunded = "payment-refunded";
}

/// <summary>One message to a customer about one of their orders, as recorded (whether or not it was delivered yet).</summary>
/// <param name="Kind">One of <see cref="NotificationKinds"/>.</param>
/// <param name="OccurredAt">When the event the notification tells about happened.</param>
public sealed record NotificationDto(Guid Id, Guid OrderId, string Kind, string Text, DateTimeOffset OccurredAt);

/// <summary>A page of a customer's notifications, newest first; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record NotificationPage(IReadOnlyList<NotificationDto> Items, string? NextCursor);
