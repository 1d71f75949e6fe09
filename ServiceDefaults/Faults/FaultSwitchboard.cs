using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Commerce.ServiceDefaults.Faults;

/// <summary>
/// The switches in force in this process, by name (ignoring case, as configuration keys do): those of
/// <c>Faults:Rules</c> from start-up, then whatever <c>/faults</c> sets and removes. Safe for concurrent requests.
/// </summary>
internal sealed class FaultSwitchboard
{
    private readonly ConcurrentDictionary<string, FaultSwitch> _switches = new(StringComparer.OrdinalIgnoreCase);
    private readonly int _seed;
    private readonly TimeProvider _time;

    public FaultSwitchboard(IOptions<FaultSwitchOptions> options, TimeProvider time)
    {
        _seed = options.Value.Seed;
        _time = time;
        foreach (var (name, rule) in options.Value.Rules)
        {
            Set(name, rule);
        }
    }

    /// <summary>Sets the rule, replacing any of that name with fresh counters.</summary>
    public void Set(string name, FaultRule rule) => _switches[name] = new FaultSwitch(name, rule, _seed, _time.GetUtcNow());

    public bool Remove(string name) => _switches.TryRemove(name, out _);

    public void RemoveAll() => _switches.Clear();

    /// <summary>The switches in force now, in name order; those whose time is up are removed on the way.</summary>
    public IReadOnlyList<FaultSwitch> InForce()
    {
        var now = _time.GetUtcNow();
        var inForce = new List<FaultSwitch>();
        foreach (var entry in _switches)
        {
            if (entry.Value.HasExpired(now))
            {
                // Removes this very switch only, not one set again under the same name meanwhile.
                _switches.TryRemove(entry);
            }
            else
            {
                inForce.Add(entry.Value);
            }
        }

        inForce.Sort((one, other) => string.Compare(one.Name, other.Name, StringComparison.OrdinalIgnoreCase));
        return inForce;
    }
}
