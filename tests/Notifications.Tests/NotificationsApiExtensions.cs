using Commerce.Notifications.Contracts;

namespace Commerce.Notifications.Tests;

internal static class NotificationsApiExtensions
{
    /// <summary>
    /// Reads the customer's notifications until there are <paramref name="expected"/> of them (or 30 s pass), then
    /// returns them all, newest first: events are handled asynchronously, after the test published them.
    /// </summary>
    public static async Task<IReadOnlyList<NotificationDto>> WaitForNotificationsAsync(
        this INotificationsApi api, string customerId, int expected, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var page = await api.GetNotificationsAsync(customerId, pageSize: 100, cancellationToken: cancellationToken);
            if (page.Items.Count >= expected || DateTime.UtcNow >= deadline)
            {
                return page.Items;
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}
