using Commerce.Shipping.Api.Data;
using Commerce.Shipping.Api.Domain;
using Commerce.Shipping.Contracts;
using Commerce.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commerce.Shipping.Api.Apis;

public static class ShipmentsApi
{
    public static IEndpointRouteBuilder MapShipmentsApi(this IEndpointRouteBuilder app)
    {
        var shipments = app.MapGroup("/shipments").WithTags("Shipments");

        shipments.MapPut("/{orderId}", CreateShipment)
            .WithName("CreateShipment")
            .WithSummary("Create an order's shipment")
            .WithDescription(
                "Idempotent on the order id: 201 the first time; a repeat of the same request returns the same shipment (200) " +
                "and changes nothing; a different request for the same order is a 409 (shipment-mismatch), as is a create " +
                "after the order's shipment was cancelled (shipment-cancelled). 422 (address-undeliverable) writes nothing.")
            .WithValidation<ShipmentKey>()
            .WithValidation<CreateShipmentRequest>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        shipments.MapGet("/{orderId}", GetShipment)
            .WithName("GetShipment")
            .WithSummary("Get an order's shipment")
            .WithValidation<ShipmentKey>();

        shipments.MapPost("/{orderId}/cancel", CancelShipment)
            .WithName("CancelShipment")
            .WithSummary("Cancel an order's shipment")
            .WithDescription(
                "Allowed until the parcel is dispatched (then 409, already-dispatched). Idempotent: cancelling a cancelled " +
                "shipment returns it unchanged. An order with no shipment is a 204: the saga compensates steps that may " +
                "never have taken effect, and a create that arrives after this cancel is refused.")
            .WithValidation<ShipmentKey>()
            .ProducesProblem(StatusCodes.Status409Conflict);

        shipments.MapPost("/{orderId}/dispatch", DispatchShipment)
            .WithName("DispatchShipment")
            .WithSummary("Record that an order's parcel left the warehouse")
            .WithDescription("Idempotent: dispatching a dispatched shipment returns it unchanged. A cancelled shipment is a 409 (shipment-cancelled).")
            .WithValidation<ShipmentKey>()
            .ProducesProblem(StatusCodes.Status409Conflict);

        return app;
    }

    public static async Task<Results<Created<ShipmentDto>, Ok<ShipmentDto>, ProblemHttpResult>> CreateShipment(
        [AsParameters] ShipmentKey key, CreateShipmentRequest request, ShipmentStore store, CancellationToken cancellationToken)
    {
        // The delivery rules are code, not data: a request they refuse now was refused the first time too, so checking
        // them before looking for an earlier shipment cannot turn a repeat into a refusal.
        if (request.Address.Undeliverable() is { } undeliverable)
        {
            return ShippingProblems.Undeliverable(undeliverable);
        }

        var quote = ShippingRates.Quote(request.Address.Country, request.Lines);
        var outcome = await store.CreateAsync(key.OrderId, request, quote, cancellationToken);
        return outcome switch
        {
            { Result: CreateResult.Created, Shipment: { } created } => TypedResults.Created($"/shipments/{key.OrderId}", created),
            { Result: CreateResult.AlreadyExists, Shipment: { } existing } when ShipmentLifecycle.IsSameShipment(existing, request) =>
                TypedResults.Ok(existing),
            { Result: CreateResult.AlreadyExists } => ShippingProblems.ShipmentMismatch(key.OrderId),
            _ => ShippingProblems.CancelledBeforeCreation(key.OrderId),
        };
    }

    public static async Task<Results<Ok<ShipmentDto>, NotFound>> GetShipment(
        [AsParameters] ShipmentKey key, ShipmentStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(key.OrderId, cancellationToken) is { } shipment ? TypedResults.Ok(shipment) : TypedResults.NotFound();

    public static async Task<Results<Ok<ShipmentDto>, NoContent, ProblemHttpResult>> CancelShipment(
        [AsParameters] ShipmentKey key, ShipmentStore store, CancellationToken cancellationToken) =>
        await store.CancelAsync(key.OrderId, cancellationToken) switch
        {
            null => TypedResults.NoContent(),
            { Transition: Transition.Refuse } => ShippingProblems.AlreadyDispatched(key.OrderId),
            { Shipment: var shipment } => TypedResults.Ok(shipment),
        };

    public static async Task<Results<Ok<ShipmentDto>, NotFound, ProblemHttpResult>> DispatchShipment(
        [AsParameters] ShipmentKey key, ShipmentStore store, CancellationToken cancellationToken) =>
        await store.DispatchAsync(key.OrderId, cancellationToken) switch
        {
            null => TypedResults.NotFound(),
            { Transition: Transition.Refuse } => ShippingProblems.Cancelled(key.OrderId),
            { Shipment: var shipment } => TypedResults.Ok(shipment),
        };
}
