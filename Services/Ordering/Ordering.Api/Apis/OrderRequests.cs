using System.ComponentModel;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;

namespace Commerce.Ordering.Api.Apis;

/// <summary>
/// Who is asking. Ordering is internal: the BFF that signed the customer in passes their id; Ordering trusts it and
/// scopes every customer-facing read and command to it.
/// </summary>
public interface ICustomerScoped
{
    string? CustomerId { get; }
}

public sealed record PlaceOrderHeaders(
    [property: FromHeader(Name = OrderHeaders.CustomerId), Description("The customer placing the order, as the calling BFF knows them.")]
    string? CustomerId,
    [property: FromHeader(Name = OrderHeaders.IdempotencyKey), Description("Unique per order attempt; a retry of the same request sends the same key.")]
    string? IdempotencyKey) : ICustomerScoped;

public sealed record CustomerOrderKey(
    [property: FromHeader(Name = OrderHeaders.CustomerId), Description("The customer asking, as the calling BFF knows them.")]
    string? CustomerId,
    [property: Description("The order.")] Guid OrderId) : ICustomerScoped;

public sealed record OrderListQuery(
    [property: FromHeader(Name = OrderHeaders.CustomerId), Description("The customer whose orders to list.")]
    string? CustomerId,
    [property: Description("The nextCursor of the previous page; omit for the newest orders.")] string? Cursor,
    [property: Description("Orders per page, 1–100 (default 20).")] int? PageSize) : ICustomerScoped
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
}

public sealed record LiveOrderRequest(
    [property: FromHeader(Name = OrderHeaders.CustomerId), Description("The customer asking, as the calling BFF knows them.")]
    string? CustomerId,
    [property: Description("The order.")] Guid OrderId,
    [property: FromHeader(Name = OrderHeaders.LastEventId), Description("The id of the last event the client received (a reconnecting EventSource sends it).")]
    string? LastEventId) : ICustomerScoped
{
    /// <summary>The timeline length the client last saw; null when it saw nothing yet.</summary>
    public int? LastSeenCount => int.TryParse(LastEventId, NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : null;
}

/// <summary>The route key of the saga's commands, which act for no customer in particular.</summary>
public sealed record OrderKey([property: Description("The order.")] Guid OrderId);

public static class OrderHeaders
{
    public const string CustomerId = "X-Customer-Id";
    public const string IdempotencyKey = "Idempotency-Key";
    public const string LastEventId = "Last-Event-ID";
}
