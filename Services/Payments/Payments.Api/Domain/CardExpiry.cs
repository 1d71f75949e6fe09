namespace Commerce.Payments.Api.Domain;

/// <summary>A card's printed expiry: it is valid through the last day of that month (UTC).</summary>
public readonly record struct CardExpiry(int Month, int Year)
{
    /// <summary>How far ahead an expiry may lie; cards are issued for a few years, so anything further is a typo.</summary>
    public const int MaxYearsAhead = 20;

    public bool HasPassedAt(DateTimeOffset now)
    {
        var utc = now.UtcDateTime;
        return Year < utc.Year || (Year == utc.Year && Month < utc.Month);
    }

    public bool IsTooFarAheadOf(DateTimeOffset now) => Year > now.UtcDateTime.Year + MaxYearsAhead;
}
