using Commerce.Notifications.Api.Domain;

namespace Commerce.Notifications.Api.Delivery;

/// <summary>
/// Delivers a recorded notification to its customer (e-mail, push, …). Called at least once per notification: a
/// send whose success could not be recorded is repeated, so a gateway that can should deduplicate on
/// <see cref="CustomerNotification.Id"/>. Throwing means "not delivered": it is retried later.
/// </summary>
public interface INotificationSender
{
    Task SendAsync(CustomerNotification notification, CancellationToken cancellationToken);
}
