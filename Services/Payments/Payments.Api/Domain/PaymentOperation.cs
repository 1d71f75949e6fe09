namespace Commerce.Payments.Api.Domain;

/// <summary>What a caller can do to an order's payment; each happens at most once per order.</summary>
public enum PaymentOperation
{
    Authorize,
    Capture,
    Void,
    Refund,
}

public static class PaymentOperations
{
    /// <summary>The operation's name as the database and the logs spell it.</summary>
    public static string Name(this PaymentOperation operation) => operation switch
    {
        PaymentOperation.Authorize => "authorize",
        PaymentOperation.Capture => "capture",
        PaymentOperation.Void => "void",
        PaymentOperation.Refund => "refund",
        _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, null),
    };
}
