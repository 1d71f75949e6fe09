namespace Commerce.Bff.Web.Client.Checkout;

/// <summary>
/// The field errors of a refusal, by the form's own field names. The BFF names a field by its place in the request
/// (<c>shippingAddress.postalCode</c>, <c>ShippingAddress.PostalCode</c>, <c>number</c>, …): its last part, in any case,
/// is what the form calls it.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, string> _errors = new(StringComparer.OrdinalIgnoreCase);

    public bool Any => _errors.Count > 0;

    public string? For(string field) => _errors.GetValueOrDefault(field);

    public void Add(string field, string message) => _errors.TryAdd(field, message);

    public void Clear() => _errors.Clear();

    /// <summary>Takes the errors of the given fields; returns the messages for any other field, which the form shows as a whole.</summary>
    public IReadOnlyList<string> Take(IReadOnlyDictionary<string, string[]> errors, IReadOnlyCollection<string> fields)
    {
        var others = new List<string>();
        foreach (var (key, messages) in errors)
        {
            var field = key[(key.LastIndexOf('.') + 1)..].TrimStart('$');
            var message = messages.FirstOrDefault() ?? "This is not valid.";
            if (fields.Contains(field, StringComparer.OrdinalIgnoreCase))
            {
                Add(field, message);
            }
            else
            {
                others.Add(message);
            }
        }

        return others;
    }
}
