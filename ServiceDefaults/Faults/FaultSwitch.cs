using Microsoft.AspNetCore.Http;

namespace Commerce.ServiceDefaults.Faults;

/// <summary>
/// One rule as it stands: the failures it has left, whether its crash is armed, when it expires. Setting a rule again
/// makes a new switch, so its counters and its random sequence start over.
/// </summary>
internal sealed class FaultSwitch
{
    private readonly Lock _gate = new();
    private readonly PathPattern _path;
    private readonly Random _random;
    private int _failuresLeft;
    private bool _crashArmed;

    public FaultSwitch(string name, FaultRule rule, int seed, DateTimeOffset setAt)
    {
        Name = name;
        Rule = rule;
        _path = PathPattern.Parse(rule.Path ?? throw new ArgumentException("A rule without a path matches nothing.", nameof(rule)));
        _random = new Random(SeedFor(seed, name));
        _failuresLeft = rule.FailNext;
        _crashArmed = rule.CrashAfterCommit;
        ExpiresAt = setAt + rule.For;
    }

    public string Name { get; }

    public FaultRule Rule { get; }

    public DateTimeOffset? ExpiresAt { get; }

    public bool HasExpired(DateTimeOffset now) => now >= ExpiresAt;

    public bool Matches(HttpRequest request) =>
        (Rule.Method is null || string.Equals(Rule.Method, request.Method, StringComparison.OrdinalIgnoreCase)) &&
        _path.Matches(request.Path);

    /// <summary>Whether this request fails: each of the next <c>failNext</c> does, after them one in <c>errorRate</c>.</summary>
    public bool FailsThisRequest()
    {
        lock (_gate)
        {
            if (_failuresLeft > 0)
            {
                _failuresLeft--;
                return true;
            }

            // Drawn only here, so a rule's failNext leaves its error-rate sequence as it would be without it.
            return Rule.ErrorRate > 0 && _random.NextDouble() < Rule.ErrorRate;
        }
    }

    /// <summary>Takes the armed crash for this request, so that no request running beside it takes it too.</summary>
    public bool TryTakeCrash()
    {
        lock (_gate)
        {
            var taken = _crashArmed;
            _crashArmed = false;
            return taken;
        }
    }

    /// <summary>The request that took the crash committed nothing (it answered 400 or more): the next one may.</summary>
    public void Rearm()
    {
        lock (_gate)
        {
            _crashArmed = true;
        }
    }

    public FaultSwitchState State()
    {
        lock (_gate)
        {
            return new FaultSwitchState(Rule, _failuresLeft, _crashArmed, ExpiresAt);
        }
    }

    // string.GetHashCode differs from process to process; FNV-1a of the seed and the name is the same in every run.
    private static int SeedFor(int seed, string name)
    {
        const uint offsetBasis = 2166136261;
        const uint prime = 16777619;
        var hash = offsetBasis;
        foreach (var value in BitConverter.GetBytes(seed).Select(b => (uint)b).Concat(name.Select(c => (uint)c)))
        {
            hash = (hash ^ value) * prime;
        }

        return unchecked((int)hash);
    }
}

/// <summary>A switch as <c>GET /faults</c> shows it: its rule and what is left of it.</summary>
internal sealed record FaultSwitchState(FaultRule Rule, int RemainingFailNext, bool CrashArmed, DateTimeOffset? ExpiresAt);
