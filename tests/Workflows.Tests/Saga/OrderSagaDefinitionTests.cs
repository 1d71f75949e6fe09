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
        Assert.Equal(
            ["OrderId", "CustomerId", "OrderStatus"],
            new[] { OrderSaga.OrderIdAttribute, OrderSaga.CustomerIdAttribute, OrderSaga.OrderStatusAttribute }.Select(key => key.Name));
        Assert.All(
            new[] { OrderSaga.OrderIdAttribute, OrderSaga.CustomerIdAttribute, OrderSaga.OrderStatusAttribute },
            key => Assert.Equal(Temporalio.Api.Enums.V1.IndexedValueType.Keyword, key.ValueType));
    }
}
