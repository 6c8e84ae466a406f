namespace BatchStats.Api;

/// <summary>Per-client fixed-window limit: at most <see cref="PermitLimit"/> API calls per <see cref="Window"/>.</summary>
public sealed record ApiRateLimit(int PermitLimit, TimeSpan Window)
{
    /// <summary>Generous enough for pollers and a handful of parallel jobs.</summary>
    public static ApiRateLimit Default { get; } = new(1200, TimeSpan.FromMinutes(1));
}
