extern alias temporaltestserver;

using Commerce.Workflows.Saga;
using Commerce.Workflows.Temporal;
using temporaltestserver::Commerce.Testing.Temporal;
using Temporalio.Api.Enums.V1;
using Temporalio.Api.OperatorService.V1;
using Temporalio.Client;
using Temporalio.Common;
using Temporalio.Exceptions;

namespace Commerce.Workflows.Tests.Saga;

/// <summary>
/// The saga's search attributes on a fresh server (one of the test's own, knowing none): refused until the worker's
/// registration (<see cref="SearchAttributeRegistration"/>) has run, then what an operator finds sagas by.
/// </summary>
public sealed class SagaSearchAttributeTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_saga_started_with_its_search_attributes_is_refused_until_they_are_registered_then_found_by_order_and_customer()
    {
        await using var server = await TemporalTestServer.StartAsync(cancellationToken: Cancellation);
        var client = await TemporalClient.ConnectAsync(new(server.Address));
        var input = NewInput();

        var refused = await Assert.ThrowsAsync<RpcException>(() => StartAsync(client, input));
        Assert.Equal(RpcException.StatusCode.InvalidArgument, refused.Code);
        Assert.Contains(OrderSaga.SearchAttributes.Keys, name => refused.Message.Contains(name, StringComparison.Ordinal));

        // Twice, as two workers starting one after the other (or a restart) would: the second finds them there.
        await SearchAttributeRegistration.EnsureRegisteredAsync(client, OrderSaga.SearchAttributes, Cancellation);
        await SearchAttributeRegistration.EnsureRegisteredAsync(client, OrderSaga.SearchAttributes, Cancellation);

        var saga = await StartAsync(client, input);
        Assert.Equal([saga.Id], await client.ListWorkflowsAsync($"OrderId = '{input.OrderId}'").Select(w => w.Id).ToListAsync(Cancellation));
        Assert.Equal([saga.Id], await client.ListWorkflowsAsync($"CustomerId = '{input.CustomerId}' AND OrderStatus = 'pending'")
            .Select(w => w.Id).ToListAsync(Cancellation));
        await saga.TerminateAsync("test over");
    }

    [Fact]
    public async Task An_attribute_already_registered_with_another_type_is_reported_by_name_not_overwritten()
    {
        await using var server = await TemporalTestServer.StartAsync(cancellationToken: Cancellation);
        var client = await TemporalClient.ConnectAsync(new(server.Address));
        await client.Connection.OperatorService.AddSearchAttributesAsync(new AddSearchAttributesRequest
        {
            Namespace = client.Options.Namespace,
            SearchAttributes = { [OrderSaga.CustomerIdAttribute.Name] = IndexedValueType.Text },
        });

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            SearchAttributeRegistration.EnsureRegisteredAsync(client, OrderSaga.SearchAttributes, Cancellation));

        Assert.Contains($"{OrderSaga.CustomerIdAttribute.Name} is registered as Text", refused.Message, StringComparison.Ordinal);
        var registered = (await client.Connection.OperatorService.ListSearchAttributesAsync(new() { Namespace = client.Options.Namespace })).CustomAttributes;
        Assert.Equal(IndexedValueType.Text, registered[OrderSaga.CustomerIdAttribute.Name]);
    }

    private static OrderSagaInput NewInput() =>
        new(Guid.NewGuid(), $"customer-{Guid.NewGuid():N}", [], "USD", 0m, Addresses.OrderAddress, "tok_none", TimeSpan.Zero);

    /// <summary>Started as the bridge starts a saga: findable by its attributes from the start, on a queue no worker polls.</summary>
    private static Task<WorkflowHandle<OrderSaga, OrderSagaProgress>> StartAsync(TemporalClient client, OrderSagaInput input) =>
        client.StartWorkflowAsync(
            (OrderSaga saga) => saga.RunAsync(input),
            new WorkflowOptions(OrderSaga.WorkflowIdFor(input.OrderId), $"nobody-polls-{Guid.NewGuid():N}")
            {
                TypedSearchAttributes = new SearchAttributeCollection.Builder()
                    .Set(OrderSaga.OrderIdAttribute, input.OrderId.ToString())
                    .Set(OrderSaga.CustomerIdAttribute, input.CustomerId)
                    .Set(OrderSaga.OrderStatusAttribute, SagaStatus.Pending)
                    .ToSearchAttributeCollection(),
            });
}
