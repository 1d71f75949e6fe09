using Commerce.Ordering.Api.Data;
using Commerce.Ordering.Api.Domain;
using Commerce.Ordering.Contracts;
using Commerce.ServiceDefaults.Validation;
using Commerce.Shipping.Addresses;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Commerce.Ordering.Api.Apis;

public static class OrdersApi
{
    private const string DefaultCancellationReason = "Cancelled at the customer's request.";

    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/orders").WithTags("Orders");

        orders.MapPost("/", PlaceOrder)
            .WithName("PlaceOrder")
            .WithSummary("Place an order")
            .WithDescription(
                "For the customer in X-Customer-Id (set by the calling BFF). Names and prices come from Catalog; prices a " +
                "client sends are ignored. One transaction writes the pending order, its first timeline fact and OrderPlaced. " +
                "Idempotency-Key is required and scoped to the customer: a repeat with the same body returns the original 201 " +
                "and creates nothing; the same key with another body is a 422 (idempotency-key-reused). Unknown products are " +
                "a 400 (unknown-products); an address the carrier does not deliver to (Shipping's rules) is a 422 " +
                "(address-undeliverable) and places nothing; 503 with Retry-After while Catalog is unavailable.")
            .WithValidation<PlaceOrderHeaders>()
            .WithValidation<PlaceOrderRequest>()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        orders.MapGet("/", ListOrders)
            .WithName("ListOrders")
            .WithSummary("List the customer's orders, newest first")
            .WithValidation<OrderListQuery>();

        orders.MapGet("/{orderId:guid}", GetOrder)
            .WithName("GetOrder")
            .WithSummary("Get one of the customer's orders with its timeline")
            .WithDescription("Another customer's order is a 404, like one that does not exist.")
            .WithValidation<CustomerOrderKey>();

        orders.MapPost("/{orderId:guid}/cancellation-request", RequestCancellation)
            .WithName("RequestOrderCancellation")
            .WithSummary("Ask for the customer's order to be cancelled")
            .WithDescription(
                "Publishes OrderCancellationRequested; the saga cancels if it still can. Allowed until the order is confirmed " +
                "or cancelled (then 409, order-confirmed or order-cancelled); asking again returns the order unchanged.")
            .WithValidation<CustomerOrderKey>()
            .WithValidation<RequestCancellationRequest>()
            .ProducesProblem(StatusCodes.Status409Conflict);

        orders.MapPost("/{orderId:guid}/confirm", ConfirmOrder)
            .WithName("ConfirmOrder")
            .WithSummary("Confirm an order (the saga's last step)")
            .WithDescription("Publishes OrderConfirmed. Idempotent: confirming a confirmed order returns it unchanged. 409 (order-cancelled) for a cancelled order.")
            .WithValidation<OrderKey>()
            .ProducesProblem(StatusCodes.Status409Conflict);

        orders.MapPost("/{orderId:guid}/cancel", CancelOrder)
            .WithName("CancelOrder")
            .WithSummary("Cancel an order (the saga undid every step)")
            .WithDescription(
                "Publishes OrderCancelled with the reason, which the customer sees. Idempotent: cancelling a cancelled order " +
                "returns it unchanged, with its first reason. 409 (order-confirmed) for a confirmed order.")
            .WithValidation<OrderKey>()
            .WithValidation<CancelOrderRequest>()
            .ProducesProblem(StatusCodes.Status409Conflict);

        return app;
    }

    public static async Task<Results<Created<OrderDto>, ValidationProblem, ProblemHttpResult>> PlaceOrder(
        [AsParameters] PlaceOrderHeaders headers,
        PlaceOrderRequest request,
        OrderStore store,
        CatalogPrices catalog,
        HttpContext httpContext,
        CancellationToken cancellationToken)
    {
        // Shipping's carrier rules are code, not data, so refusing before looking for an earlier request cannot turn a
        // repeat into a refusal: the first request was refused too.
        var address = request.ShippingAddress;
        if (DeliveryRules.Check(address.Line1, address.Line2, address.Country)?.Under("shippingAddress") is { } undeliverable)
        {
            return OrderingProblems.Undeliverable(undeliverable);
        }

        var idempotency = new IdempotentRequest(headers.CustomerId!, headers.IdempotencyKey!, RequestFingerprint.Of(request));
        // A repeat is answered from what was stored, without asking Catalog again.
        if (await store.FindEarlierAsync(idempotency, cancellationToken) is { } earlier)
        {
            return Placed(earlier);
        }

        var products = await catalog.GetProductsAsync(request.Lines.Select(line => line.ProductId).ToArray(), cancellationToken);
        if (products is null)
        {
            return OrderingProblems.CatalogUnavailable(httpContext);
        }

        var pricing = OrderPricing.Price(request.Lines, products);
        if (pricing.UnknownProductIds.Count > 0)
        {
            return OrderingProblems.UnknownProducts(request.Lines, pricing.UnknownProductIds);
        }

        if (pricing.Order is not { } priced)
        {
            return OrderingProblems.MixedCurrencies(pricing.Currencies);
        }

        return Placed(await store.PlaceAsync(idempotency, request, priced, cancellationToken));
    }

    public static async Task<Ok<OrderPage>> ListOrders([AsParameters] OrderListQuery query, OrderViewStore views, CancellationToken cancellationToken)
    {
        OrderCursor.TryDecode(query.Cursor, out var after);
        return TypedResults.Ok(await views.ListAsync(query.CustomerId!, after, query.PageSize ?? OrderListQuery.DefaultPageSize, cancellationToken));
    }

    public static async Task<Results<Ok<OrderDetailsDto>, NotFound>> GetOrder(
        [AsParameters] CustomerOrderKey key, OrderViewStore views, CancellationToken cancellationToken) =>
        await views.FindAsync(key.CustomerId!, key.OrderId, cancellationToken) is { } order ? TypedResults.Ok(order) : TypedResults.NotFound();

    public static async Task<Results<Ok<OrderDto>, NotFound, ProblemHttpResult>> RequestCancellation(
        [AsParameters] CustomerOrderKey key, RequestCancellationRequest request, OrderStore store, CancellationToken cancellationToken) =>
        Answer(key.OrderId, await store.RequestCancellationAsync(
            key.CustomerId!, key.OrderId, string.IsNullOrWhiteSpace(request.Reason) ? DefaultCancellationReason : request.Reason.Trim(), cancellationToken));

    public static async Task<Results<Ok<OrderDto>, NotFound, ProblemHttpResult>> ConfirmOrder(
        [AsParameters] OrderKey key, OrderStore store, CancellationToken cancellationToken) =>
        Answer(key.OrderId, await store.ConfirmAsync(key.OrderId, cancellationToken));

    public static async Task<Results<Ok<OrderDto>, NotFound, ProblemHttpResult>> CancelOrder(
        [AsParameters] OrderKey key, CancelOrderRequest request, OrderStore store, CancellationToken cancellationToken) =>
        Answer(key.OrderId, await store.CancelAsync(key.OrderId, request.Reason.Trim(), cancellationToken));

    private static Results<Created<OrderDto>, ValidationProblem, ProblemHttpResult> Placed(PlaceOutcome outcome) => outcome switch
    {
        { Result: PlaceResult.Created or PlaceResult.Repeated, Order: { } order } => TypedResults.Created($"/orders/{order.OrderId}", order),
        _ => OrderingProblems.IdempotencyKeyReused(),
    };

    private static Results<Ok<OrderDto>, NotFound, ProblemHttpResult> Answer(Guid orderId, CommandOutcome? outcome) => outcome switch
    {
        null => TypedResults.NotFound(),
        { Transition: Transition.Refuse } => OrderingProblems.Final(orderId, outcome.Status),
        _ => TypedResults.Ok(outcome.Order),
    };
}
