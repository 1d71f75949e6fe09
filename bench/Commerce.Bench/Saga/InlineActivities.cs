extern alias workflows;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using workflows::Commerce.Workflows.Activities;

namespace Commerce.Bench.Saga;

/// <summary>The four activity classes of the saga, resolved from the worker's own registrations.</summary>
internal sealed class InlineActivities(IHost host) : IDisposable
{
    private readonly IServiceScope _scope = host.Services.CreateScope();

    public InventoryActivities Inventory => _scope.ServiceProvider.GetRequiredService<InventoryActivities>();

    public PaymentActivities Payments => _scope.ServiceProvider.GetRequiredService<PaymentActivities>();

    public ShippingActivities Shipping => _scope.ServiceProvider.GetRequiredService<ShippingActivities>();

    public OrderingActivities Ordering => _scope.ServiceProvider.GetRequiredService<OrderingActivities>();

    public void Dispose()
    {
        _scope.Dispose();
        host.Dispose();
    }
}
