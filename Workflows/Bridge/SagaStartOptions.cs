using Commerce.Workflows.Saga;

namespace Commerce.Workflows.Bridge;

/// <summary>How the bridge starts sagas (configuration section <c>Workflows</c>).</summary>
public sealed class SagaStartOptions
{
    /// <summary>How long a customer may cancel after the payment is authorized, before the shipment is created.</summary>
    public TimeSpan GracePeriod { get; set; } = OrderSagaInput.DefaultGracePeriod;
}
