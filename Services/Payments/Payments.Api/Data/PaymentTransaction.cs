using System.Text.Json;
using Commerce.Payments.Api.Domain;
using Commerce.Payments.Api.Processing;
using Commerce.Payments.Contracts;
using Dapper;
using Npgsql;

namespace Commerce.Payments.Api.Data;

/// <summary>
/// One operation on one order's payment, in one transaction that holds the order's lock: every read and write of the
/// operation (and its outbox event, through <see cref="Transaction"/>) commits together or not at all. Disposing
/// without <see cref="CommitAsync"/> rolls back and releases the lock.
/// </summary>
public sealed class PaymentTransaction : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly NpgsqlConnection _connection;
    private readonly Guid _orderId;

    private PaymentTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid orderId)
    {
        _connection = connection;
        Transaction = transaction;
        _orderId = orderId;
    }

    public NpgsqlTransaction Transaction { get; }

    internal static async Task<PaymentTransaction> BeginAsync(NpgsqlDataSource dataSource, Guid orderId, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            // Requests for the same order (a caller retrying before its first try has finished) queue here, so each
            // operation reaches the card network once; other orders are not held up. The lock ends with the transaction.
            await connection.ExecuteAsync(new CommandDefinition(
                "SELECT pg_advisory_xact_lock(hashtextextended(@key, 0))",
                new { key = $"payment/{orderId}" },
                transaction,
                cancellationToken: cancellationToken));
            return new PaymentTransaction(connection, transaction, orderId);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task<Payment?> FindPaymentAsync(CancellationToken cancellationToken)
    {
        var row = await _connection.QuerySingleOrDefaultAsync<PaymentStore.PaymentRow>(Command(PaymentStore.SelectPayment, new { orderId = _orderId }, cancellationToken));
        return row?.ToPayment();
    }

    public Task<CardTokenDto?> FindCardAsync(string token, CancellationToken cancellationToken) =>
        _connection.QuerySingleOrDefaultAsync<CardTokenDto>(Command(
            $"SELECT {CardTokenStore.Columns} FROM card_tokens WHERE token = @token", new { token }, cancellationToken));

    /// <summary>The answer <paramref name="operation"/> gave the first time, if it took effect or was declined.</summary>
    public async Task<PaymentOutcome?> FindResultAsync(PaymentOperation operation, CancellationToken cancellationToken)
    {
        var result = await _connection.QuerySingleOrDefaultAsync<ResultRow>(Command(
            "SELECT outcome, reason, payment::text AS payment FROM payment_results WHERE order_id = @orderId AND operation = @operation",
            new { orderId = _orderId, operation = operation.Name() },
            cancellationToken));
        if (result is null)
        {
            return null;
        }

        var payment = JsonSerializer.Deserialize<PaymentDto>(result.Payment, Json)
            ?? throw new InvalidOperationException($"The stored {operation.Name()} result of order {_orderId} has no payment.");
        return result.Outcome == "declined" ? new PaymentOutcome.Declined(result.Reason!, payment) : new PaymentOutcome.Completed(payment);
    }

    /// <summary>The number the next call for <paramref name="operation"/> on this order is: 1 for the first.</summary>
    public Task<int> NextAttemptAsync(PaymentOperation operation, CancellationToken cancellationToken) =>
        _connection.ExecuteScalarAsync<int>(Command(
            "SELECT count(*)::integer + 1 FROM processor_calls WHERE order_id = @orderId AND operation = @operation",
            new { orderId = _orderId, operation = operation.Name() },
            cancellationToken));

    public Task RecordCallAsync(
        PaymentOperation operation, int attempt, ProcessorAnswer answer, DateTimeOffset calledAt, DateTimeOffset answeredAt, CancellationToken cancellationToken) =>
        _connection.ExecuteAsync(Command(
            """
            INSERT INTO processor_calls (order_id, operation, attempt, outcome, decline_reason, called_at, answered_at)
            VALUES (@orderId, @operation, @attempt, @outcome, @declineReason, @calledAt, @answeredAt)
            """,
            new
            {
                orderId = _orderId,
                operation = operation.Name(),
                attempt,
                outcome = answer.Outcome switch
                {
                    ProcessorOutcome.Approved => "approved",
                    ProcessorOutcome.Declined => "declined",
                    ProcessorOutcome.Unavailable => "unavailable",
                    ProcessorOutcome.TimedOut => "timed-out",
                    _ => throw new ArgumentOutOfRangeException(nameof(answer), answer.Outcome, null),
                },
                declineReason = answer.DeclineReason,
                calledAt,
                answeredAt,
            },
            cancellationToken));

    public Task InsertPaymentAsync(Payment payment, CancellationToken cancellationToken) =>
        _connection.ExecuteAsync(Command(
            """
            INSERT INTO payments (order_id, token, amount, currency, status, decline_reason, authorized_at)
            VALUES (@OrderId, @Token, @Amount, @Currency, @status, @DeclineReason, @AuthorizedAt)
            """,
            new { payment.OrderId, payment.Token, payment.Amount, payment.Currency, status = PaymentStore.NameOf(payment.Status), payment.DeclineReason, payment.AuthorizedAt },
            cancellationToken));

    public Task UpdatePaymentAsync(Payment payment, CancellationToken cancellationToken) =>
        _connection.ExecuteAsync(Command(
            """
            UPDATE payments
            SET status = @status, captured_at = @CapturedAt, voided_at = @VoidedAt, refunded_at = @RefundedAt
            WHERE order_id = @OrderId
            """,
            new { payment.OrderId, status = PaymentStore.NameOf(payment.Status), payment.CapturedAt, payment.VoidedAt, payment.RefundedAt },
            cancellationToken));

    /// <summary>Keeps what <paramref name="operation"/> answered, for its repeats.</summary>
    public Task SaveResultAsync(PaymentOperation operation, PaymentOutcome outcome, DateTimeOffset completedAt, CancellationToken cancellationToken)
    {
        var (name, reason, payment) = outcome switch
        {
            PaymentOutcome.Completed completed => ("completed", null, completed.Payment),
            PaymentOutcome.Declined declined => ("declined", declined.Reason, declined.Payment),
            _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Only outcomes that took effect or were final are kept."),
        };
        return _connection.ExecuteAsync(Command(
            """
            INSERT INTO payment_results (order_id, operation, outcome, reason, payment, completed_at)
            VALUES (@orderId, @operation, @name, @reason, @payment::jsonb, @completedAt)
            """,
            new { orderId = _orderId, operation = operation.Name(), name, reason, payment = JsonSerializer.Serialize(payment, Json), completedAt },
            cancellationToken));
    }

    /// <summary>Remembers that the order's payment was undone before it existed (first time only).</summary>
    public Task RecordAbandonedAsync(PaymentOperation operation, DateTimeOffset recordedAt, CancellationToken cancellationToken) =>
        _connection.ExecuteAsync(Command(
            """
            INSERT INTO abandoned_orders (order_id, operation, recorded_at) VALUES (@orderId, @operation, @recordedAt)
            ON CONFLICT (order_id) DO NOTHING
            """,
            new { orderId = _orderId, operation = operation.Name(), recordedAt },
            cancellationToken));

    public Task<bool> IsAbandonedAsync(CancellationToken cancellationToken) =>
        _connection.ExecuteScalarAsync<bool>(Command(
            "SELECT EXISTS (SELECT 1 FROM abandoned_orders WHERE order_id = @orderId)", new { orderId = _orderId }, cancellationToken));

    public Task CommitAsync(CancellationToken cancellationToken) => Transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }

    private sealed class ResultRow
    {
        public string Outcome { get; init; } = "";
        public string? Reason { get; init; }
        public string Payment { get; init; } = "";
    }

    private CommandDefinition Command(string sql, object parameters, CancellationToken cancellationToken) =>
        new(sql, parameters, Transaction, cancellationToken: cancellationToken);
}
