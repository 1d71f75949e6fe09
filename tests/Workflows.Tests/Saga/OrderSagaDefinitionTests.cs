using Commerce.Workflows.Saga;
using Temporalio.Workflows;

namespace Commerce.Workflows.Tests.Saga;

/// <summary>What the SDK checks when a worker registers the saga, checked without a server.</summary>
public sealed class OrderSagaDefinitionTests
{
    [Fact]
    public void The_saga_is_a_valid_workflow_with_its_cancellation_signal_and_progress_query()
    {
        var definition = WorkflowDefinition.Create<OrderSaga>();

        Assert.Equal("OrderSaga", definition.Name);
        Assert.Equal(["RequestCancellation"], definition.Signals.Keys);
        Assert.Equal(["GetProgress"], definition.Queries.Keys);
    }

    [Fact]
    public void The_search_attributes_are_the_keywords_operators_search_by()
    {
        Assert.Equal(["OrderId", "CustomerId", "OrderStatus"], OrderSaga.SearchAttributes.Keys);
        Assert.All(OrderSaga.SearchAttributes.Values, type => Assert.Equal(Temporalio.Api.Enums.V1.IndexedValueType.Keyword, type));
        Assert.Equal(
            [OrderSaga.OrderIdAttribute.Name, OrderSaga.CustomerIdAttribute.Name, OrderSaga.OrderStatusAttribute.Name],
            OrderSaga.SearchAttributes.Keys);
    }
}
