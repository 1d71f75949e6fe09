using Commerce.Ordering.Api.Domain;
using Commerce.Ordering.Contracts;

namespace Commerce.Ordering.Tests.Domain;

public sealed class OrderLifecycleTests
{
    /// <summary>Every move between two different statuses that the lifecycle does not allow.</summary>
    public static TheoryData<OrderStatus, OrderStatus> IllegalTransitions => new()
    {
        { OrderStatus.CancellationRequested, OrderStatus.Pending },
        { OrderStatus.Confirmed, OrderStatus.Pending },
        { OrderStatus.Confirmed, OrderStatus.CancellationRequested },
        { OrderStatus.Confirmed, OrderStatus.Cancelled },
        { OrderStatus.Cancelled, OrderStatus.Pending },
        { OrderStatus.Cancelled, OrderStatus.CancellationRequested },
        { OrderStatus.Cancelled, OrderStatus.Confirmed },
    };

    public static TheoryData<OrderStatus, OrderStatus> LegalTransitions => new()
    {
        { OrderStatus.Pending, OrderStatus.CancellationRequested },
        { OrderStatus.Pending, OrderStatus.Confirmed },
        { OrderStatus.Pending, OrderStatus.Cancelled },
        { OrderStatus.CancellationRequested, OrderStatus.Confirmed },
        { OrderStatus.CancellationRequested, OrderStatus.Cancelled },
    };

    [Theory]
    [MemberData(nameof(IllegalTransitions))]
    public void An_illegal_transition_is_refused(OrderStatus from, OrderStatus to)
    {
        Assert.Equal(Transition.Refuse, OrderLifecycle.Move(from, to));
    }

    [Theory]
    [MemberData(nameof(LegalTransitions))]
    public void A_legal_transition_applies(OrderStatus from, OrderStatus to)
    {
        Assert.Equal(Transition.Apply, OrderLifecycle.Move(from, to));
    }

    [Fact]
    public void Every_pair_of_statuses_is_either_legal_illegal_or_a_repeat()
    {
        var statuses = Enum.GetValues<OrderStatus>();
        var illegal = IllegalTransitions.Select(row => (row.Data.Item1, row.Data.Item2)).ToHashSet();
        var legal = LegalTransitions.Select(row => (row.Data.Item1, row.Data.Item2)).ToHashSet();

        foreach (var from in statuses)
        {
            foreach (var to in statuses)
            {
                var expected = from == to ? Transition.AlreadyDone : legal.Contains((from, to)) ? Transition.Apply : Transition.Refuse;
                Assert.Equal(expected, OrderLifecycle.Move(from, to));
                Assert.True(from == to || legal.Contains((from, to)) ^ illegal.Contains((from, to)), $"{from} → {to} is listed once");
            }
        }

        Assert.Equal(statuses.Length * statuses.Length, illegal.Count + legal.Count + statuses.Length);
    }

    [Theory]
    [InlineData(OrderStatus.Pending, Transition.Apply)]
    [InlineData(OrderStatus.CancellationRequested, Transition.Apply)]
    [InlineData(OrderStatus.Confirmed, Transition.AlreadyDone)]
    [InlineData(OrderStatus.Cancelled, Transition.Refuse)]
    public void A_cancelled_order_cannot_be_confirmed(OrderStatus status, Transition expected)
    {
        Assert.Equal(expected, OrderLifecycle.Confirm(status));
    }

    [Theory]
    [InlineData(OrderStatus.Pending, Transition.Apply)]
    [InlineData(OrderStatus.CancellationRequested, Transition.Apply)]
    [InlineData(OrderStatus.Cancelled, Transition.AlreadyDone)]
    [InlineData(OrderStatus.Confirmed, Transition.Refuse)]
    public void A_confirmed_order_cannot_be_cancelled(OrderStatus status, Transition expected)
    {
        Assert.Equal(expected, OrderLifecycle.Cancel(status));
    }

    [Theory]
    [InlineData(OrderStatus.Pending, Transition.Apply)]
    [InlineData(OrderStatus.CancellationRequested, Transition.AlreadyDone)]
    [InlineData(OrderStatus.Confirmed, Transition.Refuse)]
    [InlineData(OrderStatus.Cancelled, Transition.Refuse)]
    public void Cancellation_can_be_requested_only_before_the_order_is_confirmed_or_cancelled(OrderStatus status, Transition expected)
    {
        Assert.Equal(expected, OrderLifecycle.RequestCancellation(status));
    }
}
