using System.Collections.Concurrent;
using Commerce.Notifications.Api.Delivery;
using Commerce.Notifications.Api.Domain;

namespace Commerce.Notifications.Tests;

/// <summary>
/// Stands in for the e-mail or push gateway (a true external): records every notification it delivered, and can be
/// told to fail a customer's first sends, as a gateway that is briefly down would.
/// </summary>
public sealed class RecordingSender : INotificationSender
{
    private readonly ConcurrentQueue<CustomerNotification> _sent = new();
    private readonly ConcurrentDictionary<string, int> _failuresLeft = new();
    private readonly ConcurrentDictionary<Guid, int> _attempts = new();

    public IReadOnlyCollection<CustomerNotification> Sent => _sent;

    public void FailFirstSends(string customerId, int count) => _failuresLeft[customerId] = count;

    public int AttemptsFor(Guid notificationId) => _attempts.GetValueOrDefault(notificationId);

    public IReadOnlyList<CustomerNotification> SentTo(string customerId) => [.. _sent.Where(n => n.CustomerId == customerId)];

    public Task SendAsync(CustomerNotification notification, CancellationToken cancellationToken)
    {
        _attempts.AddOrUpdate(notification.Id, 1, (_, attempts) => attempts + 1);
        if (_failuresLeft.TryGetValue(notification.CustomerId, out var left) && left > 0 &&
            _failuresLeft.TryUpdate(notification.CustomerId, left - 1, left))
        {
            throw new HttpRequestException("The gateway is unavailable.");
        }

        _sent.Enqueue(notification);
        return Task.CompletedTask;
    }
}
