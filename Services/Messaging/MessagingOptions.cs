namespace Commerce.Messaging;

/// <summary>Settings of the outbox, the consumer and the retention sweep (configuration section <c>Messaging</c>).</summary>
public sealed class MessagingOptions
{
    /// <summary>The service's name: its queue is named after it, and its inbox rows carry it.</summary>
    public string ServiceName { get; set; } = "";

    /// <summary>The one durable topic exchange every integration event is published to, routed by event name.</summary>
    public string Exchange { get; set; } = "commerce.events";

    /// <summary>Where messages that failed <see cref="MaxDeliveries"/> times go, one queue per service behind it.</summary>
    public string DeadLetterExchange { get; set; } = "commerce.dead-letter";

    /// <summary>The dispatcher is woken by NOTIFY after every commit; this poll is only the backstop.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Outbox rows one dispatcher claims at a time.</summary>
    public int DispatchBatchSize { get; set; } = 100;

    /// <summary>Unacknowledged messages the broker hands one consumer at a time.</summary>
    public ushort PrefetchCount { get; set; } = 16;

    /// <summary>Messages one consumer handles at the same time; a slow or failing one does not hold up the rest.</summary>
    public ushort ConsumerConcurrency { get; set; } = 4;

    /// <summary>Deliveries of a message whose handler keeps failing before it is dead-lettered.</summary>
    public int MaxDeliveries { get; set; } = 5;

    /// <summary>Pause before a failed message goes back to the queue, times the delivery count (capped at 10 s).</summary>
    public TimeSpan RedeliveryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long sent outbox rows and inbox rows are kept (for diagnosis and duplicate detection) before being purged.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);

    public int PurgeBatchSize { get; set; } = 1000;

    internal string QueueName => ServiceName;

    internal string DeadLetterQueueName => $"{ServiceName}.dead-letter";
}
