using System.Diagnostics;
using Commerce.Inventory.Api.Data;
using Commerce.Inventory.Api.Domain;
using Commerce.Inventory.Contracts;
using Commerce.ServiceDefaults.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commerce.Inventory.Api.Apis;

public static class ReservationsApi
{
    public static IEndpointRouteBuilder MapReservationsApi(this IEndpointRouteBuilder app)
    {
        var reservations = app.MapGroup("/reservations").WithTags("Reservations");

        reservations.MapPut("/{orderId:guid}", Reserve)
            .WithName("ReserveStock")
            .WithSummary("Reserve stock for an order")
            .WithDescription(
                "Holds every line, or none: if any line asks for more than is available, nothing is held and the 409 " +
                "(reason out-of-stock) lists the short lines. Idempotent on the order id: a repeat answers what the first " +
                "call did, a refusal included, and publishes nothing.")
            .WithValidation<ReservationKey>()
            .WithValidation<ReserveStockRequest>()
            .ProducesProblem(StatusCodes.Status409Conflict);

        reservations.MapGet("/{orderId:guid}", GetReservation)
            .WithName("GetReservation")
            .WithSummary("Get an order's reservation")
            .WithValidation<ReservationKey>();

        reservations.MapDelete("/{orderId:guid}", Release)
            .WithName("ReleaseStock")
            .WithSummary("Release an order's reservation")
            .WithDescription(
                "Returns the held units to stock. Releasing an unknown, refused or already released reservation succeeds and " +
                "changes nothing, except that an order released before it was reserved can no longer be reserved. " +
                "A committed reservation cannot be released (409, reason reservation-committed).")
            .WithValidation<ReservationKey>()
            .ProducesProblem(StatusCodes.Status409Conflict);

        reservations.MapPost("/{orderId:guid}/commit", Commit)
            .WithName("CommitStock")
            .WithSummary("Commit an order's reservation on shipment")
            .WithDescription(
                "The held units leave stock for good. Committing again succeeds and changes nothing; a released or refused " +
                "reservation cannot be committed (409, reason reservation-released or reservation-refused).")
            .WithValidation<ReservationKey>()
            .ProducesProblem(StatusCodes.Status409Conflict);

        return app;
    }

    public static async Task<Results<Ok<ReservationDto>, ProblemHttpResult>> Reserve(
        [AsParameters] ReservationKey key,
        ReserveStockRequest request,
        ReservationStore store,
        CancellationToken cancellationToken) =>
        Answer(key.OrderId, await store.ReserveAsync(key.OrderId, request.Lines, cancellationToken));

    public static async Task<Results<Ok<ReservationDto>, NotFound>> GetReservation(
        [AsParameters] ReservationKey key, ReservationStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(key.OrderId, cancellationToken) is { } reservation ? TypedResults.Ok(reservation.ToDto()) : TypedResults.NotFound();

    public static async Task<Results<Ok<ReservationDto>, ProblemHttpResult>> Release(
        [AsParameters] ReservationKey key, ReservationStore store, CancellationToken cancellationToken) =>
        Answer(key.OrderId, await store.ReleaseAsync(key.OrderId, cancellationToken));

    public static async Task<Results<Ok<ReservationDto>, NotFound, ProblemHttpResult>> Commit(
        [AsParameters] ReservationKey key, ReservationStore store, CancellationToken cancellationToken) =>
        await store.CommitAsync(key.OrderId, cancellationToken) switch
        {
            null => TypedResults.NotFound(),
            ReservationOutcome.Done done => TypedResults.Ok(done.Reservation.ToDto()),
            ReservationOutcome.Refused refused => Conflict(key.OrderId, refused.Refusal),
            _ => throw new UnreachableException(),
        };

    private static Results<Ok<ReservationDto>, ProblemHttpResult> Answer(Guid orderId, ReservationOutcome outcome) => outcome switch
    {
        ReservationOutcome.Done done => TypedResults.Ok(done.Reservation.ToDto()),
        ReservationOutcome.Refused refused => Conflict(orderId, refused.Refusal),
        _ => throw new UnreachableException(),
    };

    private static ProblemHttpResult Conflict(Guid orderId, Refusal refusal)
    {
        var extensions = new Dictionary<string, object?> { ["reason"] = refusal.Reason, ["orderId"] = orderId };
        if (refusal.Shortages.Count > 0)
        {
            extensions["shortages"] = refusal.Shortages;
        }

        return TypedResults.Problem(refusal.Detail, statusCode: StatusCodes.Status409Conflict, title: refusal.Title, extensions: extensions);
    }
}
