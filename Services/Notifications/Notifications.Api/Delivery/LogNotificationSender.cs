using Commerce.Notifications.Api.Domain;

namespace Commerce.Notifications.Api.Delivery;

/// <summary>The default sender, until an e-mail or push gateway is wired in: writes each notification to the log.</summary>
public sealed partial class LogNotificationSender(ILogger<LogNotificationSender> logger) : INotificationSender
{
    public Task SendAsync(CustomerNotification notification, CancellationToken cancellationToken)
    {
        LogNotification(notification.Id, notification.CustomerId, notification.Kind, notification.Text);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {NotificationId} to customer {CustomerId} ({Kind}): {Text}")]
    private partial void LogNotification(Guid notificationId, string customerId, string kind, string text);
}
