namespace Commerce.Messaging.Consumer;

/// <summary>
/// Something the service's consumer waits for before it takes a message off its queue: for example the server its
/// handlers hand every message on to, so nothing is taken (and failed, and redelivered) while that server is away.
/// Registered with <see cref="Microsoft.Extensions.Hosting.MessagingBuilder.StartConsumingOnceOpen{TGate}"/>; without one,
/// consuming starts as soon as the broker answers.
/// </summary>
public interface IConsumerStartGate
{
    /// <summary>Completes once the consumer may start; cancelled when the service stops first.</summary>
    Task WaitUntilOpenAsync(CancellationToken cancellationToken);
}
