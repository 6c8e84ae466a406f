namespace BatchStats.Core.Tables;

/// <summary>Switches of <see cref="StatisticsFlattener"/>. The defaults reproduce sentinelhub-py exactly (spec §12).</summary>
public sealed record FlattenOptions
{
    public static FlattenOptions Default { get; } = new();

    /// <summary>
    /// Keep the successful intervals of <c>PARTIAL</c> batch features. Off by default: the reference helper
    /// drops every feature whose <c>response.status</c> is not <c>OK</c> (§12 Decision).
    /// </summary>
    public bool KeepPartialIntervals { get; init; }

    /// <summary>Stat names (<c>stDev</c>, <c>percentiles</c> …) to leave out, like <c>exclude_stats</c>. Bins/counts are unaffected.</summary>
    public IReadOnlySet<string> ExcludeStats { get; init; } = new HashSet<string>(StringComparer.Ordinal);
}
