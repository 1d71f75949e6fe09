using System.Collections.Concurrent;
using System.Text;

namespace Commerce.Messaging;

/// <summary>
/// An integration event's name, which is also its routing key: the publishing service and the event type in kebab
/// case, from the contract's namespace and type name (<c>Commerce.Inventory.Contracts.StockReserved</c> →
/// <c>inventory.stock-reserved</c>). A convention rather than an attribute, so Contracts projects need no reference
/// to this one.
/// </summary>
public static class IntegrationEventNames
{
    private static readonly ConcurrentDictionary<Type, string> Names = new();

    public static string Of<TEvent>() => Of(typeof(TEvent));

    public static string Of(Type eventType) => Names.GetOrAdd(eventType, Derive);

    private static string Derive(Type eventType)
    {
        var segments = eventType.Namespace?.Split('.') ?? [];
        if (segments is not ["Commerce", var service, "Contracts", ..])
        {
            throw new ArgumentException(
                $"{eventType.FullName} is not an integration event: events live in a Commerce.<Service>.Contracts namespace.", nameof(eventType));
        }

        return $"{Kebab(service)}.{Kebab(eventType.Name)}";
    }

    private static string Kebab(string pascal)
    {
        var kebab = new StringBuilder(pascal.Length + 8);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (char.IsUpper(pascal[i]) && i > 0 && !char.IsUpper(pascal[i - 1]))
            {
                kebab.Append('-');
            }

            kebab.Append(char.ToLowerInvariant(pascal[i]));
        }

        return kebab.ToString();
    }
}
