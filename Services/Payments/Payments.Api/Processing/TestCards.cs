namespace Commerce.Payments.Api.Processing;

/// <summary>How the simulated card network treats a card.</summary>
public enum TestCardBehaviour
{
    Approve,
    Decline,
    DeclineForInsufficientFunds,

    /// <summary>The first <see cref="TestCards.TransientFailures"/> authorization attempts of an order fail; the next is approved.</summary>
    FailTransientlyFirst,

    /// <summary>Authorizations never get an answer.</summary>
    NeverAnswer,
}

public sealed record TestCard(string Number, string Brand, TestCardBehaviour Behaviour);

/// <summary>
/// The cards the simulated network knows, told apart by their last four digits (all this service keeps of a card).
/// Any other valid card is approved. Services/Payments/README.md documents the same table.
/// </summary>
public static class TestCards
{
    public const int TransientFailures = 2;

    public static TestCard Visa { get; } = new("4242424242424242", "visa", TestCardBehaviour.Approve);

    public static TestCard Mastercard { get; } = new("5555555555554444", "mastercard", TestCardBehaviour.Approve);

    public static TestCard Amex { get; } = new("378282246310005", "amex", TestCardBehaviour.Approve);

    public static TestCard Declined { get; } = new("4000000000000002", "visa", TestCardBehaviour.Decline);

    public static TestCard InsufficientFunds { get; } = new("4000000000009995", "visa", TestCardBehaviour.DeclineForInsufficientFunds);

    public static TestCard FailsTransiently { get; } = new("4000000000000119", "visa", TestCardBehaviour.FailTransientlyFirst);

    public static TestCard TimesOut { get; } = new("4000000000000127", "visa", TestCardBehaviour.NeverAnswer);

    public static IReadOnlyList<TestCard> All { get; } = [Visa, Mastercard, Amex, Declined, InsufficientFunds, FailsTransiently, TimesOut];

    private static readonly Dictionary<string, TestCardBehaviour> ByLast4 =
        All.ToDictionary(card => card.Number[^4..], card => card.Behaviour, StringComparer.Ordinal);

    public static TestCardBehaviour BehaviourOf(string last4) => ByLast4.GetValueOrDefault(last4, TestCardBehaviour.Approve);
}
