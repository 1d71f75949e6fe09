using Google.Protobuf.Collections;
using Temporalio.Api.Common.V1;

namespace Commerce.Testing.Temporal.State;

/// <summary>
/// How a real server applies an upsert of named payloads (search attributes, memo) to what a run has: a key with a value
/// is set, a key whose value is nil (no data, JSON <c>null</c> or an empty list) is removed.
/// </summary>
internal static class PayloadMaps
{
    public static void Upsert(MapField<string, Payload> current, IEnumerable<KeyValuePair<string, Payload>> upserted)
    {
        foreach (var (name, value) in upserted)
        {
            if (IsNil(value))
            {
                current.Remove(name);
            }
            else
            {
                current[name] = value;
            }
        }
    }

    public static bool IsNil(Payload payload) =>
        payload.Data.IsEmpty || payload.Data.Span.SequenceEqual("null"u8) || payload.Data.Span.SequenceEqual("[]"u8);
}
