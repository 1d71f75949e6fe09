namespace Commerce.ServiceDefaults.Faults;

/// <summary>The <c>Faults</c> section: whether the switches exist at all, the seed of their error rates, the rules set at start-up.</summary>
public sealed class FaultSwitchOptions
{
    public const string SectionName = "Faults";

    /// <summary>Honoured in Development and Testing only; in any other environment the host refuses to start.</summary>
    public bool Enabled { get; set; }

    /// <summary>Combined with each rule's name, it fixes the sequence of that rule's error-rate decisions.</summary>
    public int Seed { get; set; } = 1;

    public Dictionary<string, FaultRule> Rules { get; init; } = new(StringComparer.OrdinalIgnoreCase);
}
