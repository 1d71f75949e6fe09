using Temporalio.Api.Enums.V1;
using Temporalio.Api.OperatorService.V1;
using Temporalio.Client;
using Temporalio.Exceptions;

namespace Commerce.Workflows.Temporal;

/// <summary>
/// Registers the custom search attributes the worker's workflows set on the client's namespace, through Temporal's
/// OperatorService, so the server needs no setup of its own (a server refuses a start or an upsert naming an attribute
/// it does not know). Idempotent: attributes already registered with the same type are left alone, and several workers
/// starting at once may race to add the same ones.
/// </summary>
public static class SearchAttributeRegistration
{
    /// <returns>Whether any was missing: false when the namespace knew them all already.</returns>
    public static async Task<bool> EnsureRegisteredAsync(
        ITemporalClient client, IReadOnlyDictionary<string, IndexedValueType> attributes, CancellationToken cancellationToken)
    {
        var missing = await MissingAsync(client, attributes, cancellationToken);
        if (missing.Count == 0)
        {
            return false;
        }

        try
        {
            await client.Connection.OperatorService.AddSearchAttributesAsync(
                new AddSearchAttributesRequest { Namespace = client.Options.Namespace, SearchAttributes = { missing } },
                new RpcOptions { CancellationToken = cancellationToken });
        }
        catch (RpcException exception) when (exception.Code == RpcException.StatusCode.AlreadyExists)
        {
            // Another worker added some meanwhile; what counts is that every one is there now, with its type.
            var stillMissing = await MissingAsync(client, attributes, cancellationToken);
            if (stillMissing.Count > 0)
            {
                throw new InvalidOperationException(
                    $"Temporal refused to register the search attributes {string.Join(", ", stillMissing.Keys)}: {exception.Message}", exception);
            }
        }

        return true;
    }

    /// <summary>The attributes the namespace lacks; one registered with another type cannot be fixed by registering.</summary>
    private static async Task<Dictionary<string, IndexedValueType>> MissingAsync(
        ITemporalClient client, IReadOnlyDictionary<string, IndexedValueType> attributes, CancellationToken cancellationToken)
    {
        var registered = (await client.Connection.OperatorService.ListSearchAttributesAsync(
            new ListSearchAttributesRequest { Namespace = client.Options.Namespace },
            new RpcOptions { CancellationToken = cancellationToken })).CustomAttributes;
        var wrongType = attributes.Where(attribute => registered.TryGetValue(attribute.Key, out var type) && type != attribute.Value)
            .Select(attribute => $"{attribute.Key} is registered as {registered[attribute.Key]}, not {attribute.Value}")
            .ToList();
        if (wrongType.Count > 0)
        {
            throw new InvalidOperationException(
                $"Search attributes of the wrong type in namespace {client.Options.Namespace}: {string.Join("; ", wrongType)}.");
        }

        return attributes.Where(attribute => !registered.ContainsKey(attribute.Key)).ToDictionary();
    }
}
