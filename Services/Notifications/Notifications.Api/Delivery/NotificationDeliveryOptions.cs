namespace Commerce.Notifications.Api.Delivery;

/// <summary>How recorded notifications are handed to the sender (configuration section <c>Notifications:Delivery</c>).</summary>
public sealed class NotificationDeliveryOptions
{
    /// <summary>How often the delivery service looks for unsent notifications once it has sent all it found.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Failed sends of one notification before it is left unsent for an operator (its last error is kept).</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>Pause after a failed send, times the attempts so far, capped at <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(15);
}
