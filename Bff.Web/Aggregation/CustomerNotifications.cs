using Commerce.Bff.Shared;
using Commerce.Notifications.Contracts;
using Microsoft.Extensions.Options;

namespace Commerce.Bff.Web.Aggregation;

/// <summary>
/// The customer's notifications, a non-critical part of every screen that shows them: within their budget, or none
/// (null) when Notifications fails or is slow. A refusal of the request itself (a bad cursor) is not a fault and is thrown.
/// </summary>
public sealed class CustomerNotifications(INotificationsApi notifications, IOptions<BffTimeouts> timeouts, ILogger<CustomerNotifications> logger)
{
    public const string Part = "notifications";

    public async Task<NotificationPage?> GetAsync(string customerId, string? cursor, int? pageSize, CancellationToken cancellationToken)
    {
        try
        {
            return await DownstreamFaults.WithinAsync(
                timeouts.Value.Notifications,
                token => notifications.GetNotificationsAsync(customerId, cursor, pageSize, token),
                cancellationToken);
        }
        catch (Exception exception) when (DownstreamFaults.IsUnavailable(exception, cancellationToken))
        {
            logger.LogWarning(exception, "Notifications did not answer in time; the screen goes without them");
            return null;
        }
    }
}
