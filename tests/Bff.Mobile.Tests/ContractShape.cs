using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Commerce.Bff.Mobile.Tests;

/// <summary>
/// Whether a screen's JSON is exactly what the contract (the records of Bff.Mobile.Client) names: no property the
/// record lacks, every property it cannot do without, and never a <c>null</c>, since the BFF leaves an absent part out.
/// </summary>
public static class ContractShape
{
    public static void AssertMatches<TScreen>(string json)
    {
        using var document = JsonDocument.Parse(json);
        var violations = new List<string>();
        Check(typeof(TScreen), document.RootElement, "$", violations);
        Assert.True(violations.Count == 0, $"{typeof(TScreen).Name} is not in the contract's shape:\n{string.Join('\n', violations)}\n{json}");
    }

    private static void Check(Type type, JsonElement json, string path, List<string> violations)
    {
        if (json.ValueKind == JsonValueKind.Null)
        {
            violations.Add($"{path} is null rather than left out");
            return;
        }

        if (ElementTypeOf(type) is { } element)
        {
            if (json.ValueKind != JsonValueKind.Array)
            {
                violations.Add($"{path} is {json.ValueKind}, not an array");
                return;
            }

            var index = 0;
            foreach (var item in json.EnumerateArray())
            {
                Check(element, item, $"{path}[{index++}]", violations);
            }

            return;
        }

        if (!IsContractRecord(type))
        {
            return;
        }

        if (json.ValueKind != JsonValueKind.Object)
        {
            violations.Add($"{path} is {json.ValueKind}, not an object");
            return;
        }

        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .ToDictionary(property => JsonNamingPolicy.CamelCase.ConvertName(property.Name));
        foreach (var field in json.EnumerateObject())
        {
            if (properties.TryGetValue(field.Name, out var property))
            {
                Check(property.PropertyType, field.Value, $"{path}.{field.Name}", violations);
            }
            else
            {
                violations.Add($"{path}.{field.Name} is not in the contract");
            }
        }

        foreach (var (name, property) in properties.Where(pair => !json.TryGetProperty(pair.Key, out _)))
        {
            if (!MayBeLeftOut(property))
            {
                violations.Add($"{path}.{name} is missing");
            }
        }
    }

    private static bool MayBeLeftOut(PropertyInfo property) =>
        new NullabilityInfoContext().Create(property).ReadState == NullabilityState.Nullable
        || property.GetCustomAttribute<JsonIgnoreAttribute>()?.Condition == JsonIgnoreCondition.WhenWritingDefault;

    private static bool IsContractRecord(Type type) => type.Namespace == typeof(Client.IMobileBffApi).Namespace && type.IsClass;

    private static Type? ElementTypeOf(Type type) =>
        type != typeof(string) && type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? type.GetGenericArguments()[0] : null;
}
