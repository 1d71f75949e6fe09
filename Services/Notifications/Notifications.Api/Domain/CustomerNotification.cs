namespace Commerce.Notifications.Api.Domain;

/// <summary>A notification as recorded for a customer and handed to the sender.</summary>
/// <param name="MessageId">The integration event it came from: one notification per event.</param>
public sealed record CustomerNotification(
    Guid Id,
    Guid MessageId,
    string CustomerId,
    Guid OrderId,
    string Kind,
    string Text,
    DateTimeOffset OccurredAt);
