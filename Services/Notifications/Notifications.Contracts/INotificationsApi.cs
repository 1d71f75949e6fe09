using Refit;

namespace Commerce.Notifications.Contracts;

/// <summary>The Notifications service's HTTP API, for Refit clients (base address <c>https+http://notifications</c>).</summary>
public interface INotificationsApi
{
    /// <summary>The customer's notifications, newest first, keyset-paged; an unknown customer simply has none.</summary>
    [Get("/customers/{customerId}/notifications")]
    Task<NotificationPage> GetNotificationsAsync(
        string customerId,
        string? cursor = null,
        int? pageSize = null,
        CancellationToken cancellationToken = default);
}
