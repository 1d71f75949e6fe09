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
    [InlineData(PaymentOperation.Refund, PaymentStatus.Authorized, PaymentsRefusalReasons.NotCaptured)]
    [InlineData(PaymentOperation.Capture, PaymentStatus.Captured, PaymentsRefusalReasons.AlreadyCaptured)]
    [InlineData(PaymentOperation.Void, PaymentStatus.Captured, PaymentsRefusalReasons.AlreadyCaptured)]
    [InlineData(PaymentOperation.Capture, PaymentStatus.Voided, PaymentsRefusalReasons.AlreadyVoided)]
    [InlineData(PaymentOperation.Void, PaymentStatus.Voided, PaymentsRefusalReasons.AlreadyVoided)]
    [InlineData(PaymentOperation.Refund, PaymentStatus.Voided, PaymentsRefusalReasons.AlreadyVoided)]
    [InlineData(PaymentOperation.Capture, PaymentStatus.Refunded, PaymentsRefusalReasons.AlreadyRefunded)]
    [InlineData(PaymentOperation.Void, PaymentStatus.Refunded, PaymentsRefusalReasons.AlreadyRefunded)]
    [InlineData(PaymentOperation.Refund, PaymentStatus.Refunded, PaymentsRefusalReasons.AlreadyRefunded)]
    [InlineData(PaymentOperation.Capture, PaymentStatus.Declined, PaymentsRefusalReasons.PaymentDeclined)]
    [InlineData(PaymentOperation.Void, PaymentStatus.Declined, PaymentsRefusalReasons.PaymentDeclined)]
    [InlineData(PaymentOperation.Refund, PaymentStatus.Declined, PaymentsRefusalReasons.PaymentDeclined)]
    public void Every_other_move_is_refused_with_a_reason_naming_why(PaymentOperation operation, PaymentStatus from, string reason) =>
        Assert.Equal(reason, PaymentTransitions.RefusalOf(operation, from));

    [Fact]
    public void An_authorization_is_not_a_move_of_an_existing_payment() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PaymentTransitions.RefusalOf(PaymentOperation.Authorize, PaymentStatus.Authorized));
}
