using Commerce.Payments.Api.Domain;
using Commerce.Payments.Contracts;

namespace Commerce.Payments.Tests.Domain;

public sealed class PaymentTransitionsTests
{
    [Theory]
    [InlineData(PaymentOperation.Capture, PaymentStatus.Authorized)]
    [InlineData(PaymentOperation.Void, PaymentStatus.Authorized)]
    [InlineData(PaymentOperation.Refund, PaymentStatus.Captured)]
    public void The_allowed_moves_are_capture_or_void_after_authorizing_and_refund_after_capturing(PaymentOperation operation, PaymentStatus from) =>
        Assert.Null(PaymentTransitions.RefusalOf(operation, from));

    [Theory]
    [InlineData(PaymentOperation.Refund, PaymentStatus.Authorized, "not-captured")]
    [InlineData(PaymentOperation.Capture, PaymentStatus.Captured, "already-captured")]
    [InlineData(PaymentOperation.Void, PaymentStatus.Captured, "already-captured")]
    [InlineData(PaymentOperation.Capture, PaymentStatus.Voided, "already-voided")]
    [InlineData(PaymentOperation.Void, PaymentStatus.Voided, "already-voided")]
    [InlineData(PaymentOperation.Refund, PaymentStatus.Voided, "already-voided")]
    [InlineData(PaymentOperation.Capture, PaymentStatus.Refunded, "already-refunded")]
    [InlineData(PaymentOperation.Void, PaymentStatus.Refunded, "already-refunded")]
    [InlineData(PaymentOperation.Refund, PaymentStatus.Refunded, "already-refunded")]
    [InlineData(PaymentOperation.Capture, PaymentStatus.Declined, "payment-declined")]
    [InlineData(PaymentOperation.Void, PaymentStatus.Declined, "payment-declined")]
    [InlineData(PaymentOperation.Refund, PaymentStatus.Declined, "payment-declined")]
    public void Every_other_move_is_refused_with_a_reason_naming_why(PaymentOperation operation, PaymentStatus from, string reason) =>
        Assert.Equal(reason, PaymentTransitions.RefusalOf(operation, from));

    [Fact]
    public void An_authorization_is_not_a_move_of_an_existing_payment() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PaymentTransitions.RefusalOf(PaymentOperation.Authorize, PaymentStatus.Authorized));
}
