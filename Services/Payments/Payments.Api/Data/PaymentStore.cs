using Commerce.Payments.Api.Domain;
using Commerce.Payments.Contracts;
using Dapper;
using Npgsql;

namespace Commerce.Payments.Api.Data;

/// <summary>Reads payments, and opens the locked transaction every change to one order's payment runs in.</summary>
public sealed class PaymentStore(NpgsqlDataSource dataSource)
{
    internal const string SelectPayment = """
        SELECT p.order_id AS OrderId, p.token, c.last4, c.brand, c.expiry_month AS ExpiryMonth, c.expiry_year AS ExpiryYear,
               p.amount, p.currency, p.status, p.decline_reason AS DeclineReason, p.authorized_at AS AuthorizedAt,
               p.captured_at AS CapturedAt, p.voided_at AS VoidedAt, p.refunded_at AS RefundedAt
        FROM payments p JOIN card_tokens c ON c.token = p.token
        WHERE p.order_id = @orderId
        """;

    public async Task<Payment?> FindAsync(Guid orderId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<PaymentRow>(new CommandDefinition(
            SelectPayment, new { orderId }, cancellationToken: cancellationToken));
        return row?.ToPayment();
    }

    /// <summary>Begins a transaction holding the lock on <paramref name="orderId"/>'s payment until it commits or is disposed.</summary>
    public Task<PaymentTransaction> LockAsync(Guid orderId, CancellationToken cancellationToken) =>
        PaymentTransaction.BeginAsync(dataSource, orderId, cancellationToken);

    internal static string NameOf(PaymentStatus status) => status switch
    {
        PaymentStatus.Authorized => "authorized",
        PaymentStatus.Captured => "captured",
        PaymentStatus.Voided => "voided",
        PaymentStatus.Refunded => "refunded",
        PaymentStatus.Declined => "declined",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>A payment row as Dapper reads it (timestamps come back as UTC <see cref="DateTime"/>s).</summary>
    internal sealed class PaymentRow
    {
        public Guid OrderId { get; init; }
        public string Token { get; init; } = "";
        public string Last4 { get; init; } = "";
        public string Brand { get; init; } = "";
        public int ExpiryMonth { get; init; }
        public int ExpiryYear { get; init; }
        public decimal Amount { get; init; }
        public string Currency { get; init; } = "";
        public string Status { get; init; } = "";
        public string? DeclineReason { get; init; }
        public DateTime? AuthorizedAt { get; init; }
        public DateTime? CapturedAt { get; init; }
        public DateTime? VoidedAt { get; init; }
        public DateTime? RefundedAt { get; init; }

        public Payment ToPayment() => new(
            OrderId, Token, Last4, Brand, new CardExpiry(ExpiryMonth, ExpiryYear), Amount, Currency,
            Enum.GetValues<PaymentStatus>().Single(status => NameOf(status) == Status), DeclineReason,
            Utc(AuthorizedAt), Utc(CapturedAt), Utc(VoidedAt), Utc(RefundedAt));

        private static DateTimeOffset? Utc(DateTime? value) => value is { } utc ? new DateTimeOffset(utc, TimeSpan.Zero) : null;
    }
}
