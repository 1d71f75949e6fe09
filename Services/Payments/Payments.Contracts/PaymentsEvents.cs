namespace Commerce.Payments.Contracts;

// Integration events, published once per order and operation. They carry the card's last four digits, never its number.

/// <summary><c>payments.payment-authorized</c>: the amount is held on the card.</summary>
public sealed record PaymentAuthorized(Guid OrderId, decimal Amount, string Currency, string Last4);

/// <summary><c>payments.payment-captured</c>: the held amount was taken.</summary>
public sealed record PaymentCaptured(Guid OrderId, decimal Amount, string Currency, string Last4);

/// <summary><c>payments.payment-voided</c>: the hold was released before capture; nothing was charged.</summary>
public sealed record PaymentVoided(Guid OrderId, decimal Amount, string Currency, string Last4);

/// <summary><c>payments.payment-refunded</c>: the captured amount was paid back in full.</summary>
public sealed record PaymentRefunded(Guid OrderId, decimal Amount, string Currency, string Last4);
