using System.Net;
using Commerce.Workflows.Activities;

namespace Commerce.Workflows.Tests.Activities;

public sealed class ParticipantCallTests
{
    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    [InlineData(HttpStatusCode.RequestTimeout)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    public void Server_errors_timeouts_and_throttling_are_transient(HttpStatusCode status) =>
        Assert.True(ParticipantCall.IsTransient(status));

    [Theory]
    [InlineData(HttpStatusCode.OK)]
    [InlineData(HttpStatusCode.NoContent)]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.PaymentRequired)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.Conflict)]
    [InlineData(HttpStatusCode.UnprocessableEntity)]
    public void Answers_and_refusals_are_not_transient(HttpStatusCode status) =>
        Assert.False(ParticipantCall.IsTransient(status));

    [Fact]
    public void The_reason_is_read_from_a_problem_details_body() =>
        Assert.Equal("out-of-stock", ParticipantCall.ReasonOf("""{"type":"x","title":"Out","status":409,"reason":"out-of-stock"}"""));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"reason":42}""")]
    [InlineData("""{"title":"no reason"}""")]
    public void A_body_without_a_textual_reason_has_none(string? body) => Assert.Null(ParticipantCall.ReasonOf(body));

    [Fact]
    public void A_refusal_is_non_retryable_and_carries_the_reason()
    {
        var failure = ParticipantCall.Refused(
            SagaErrorTypes.OutOfStock, "Inventory", "reserve stock", Guid.NewGuid(), new ParticipantAnswer(HttpStatusCode.Conflict, "out-of-stock"));

        Assert.True(failure.NonRetryable);
        Assert.Equal(SagaErrorTypes.OutOfStock, failure.ErrorType);
        Assert.Contains("409 out-of-stock", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unavailability_is_retryable_after_the_participants_retry_after()
    {
        var failure = ParticipantCall.Unavailable("Payments", "authorize", Guid.NewGuid(), "answered 503", TimeSpan.FromSeconds(2), inner: null);

        Assert.False(failure.NonRetryable);
        Assert.Equal(SagaErrorTypes.ParticipantUnavailable, failure.ErrorType);
        Assert.Equal(TimeSpan.FromSeconds(2), failure.NextRetryDelay);
    }

    [Fact]
    public void Every_refusal_type_is_non_retryable_and_unavailability_is_not()
    {
        Assert.Equal(
            [SagaErrorTypes.OutOfStock, SagaErrorTypes.PaymentDeclined, SagaErrorTypes.AddressUndeliverable, SagaErrorTypes.ParticipantRejected],
            SagaErrorTypes.NonRetryable);
        Assert.DoesNotContain(SagaErrorTypes.ParticipantUnavailable, SagaErrorTypes.NonRetryable);
    }
}
