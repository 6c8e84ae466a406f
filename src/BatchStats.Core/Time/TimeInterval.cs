using BatchStats.Core.Results;

namespace BatchStats.Core.Time;

/// <summary>A half-open aggregation interval [Start, End) in UTC (S3, S6).</summary>
public readonly record struct TimeInterval(DateTime Start, DateTime End)
{
    /// <summary>S6: a scene acquired at t belongs iff Start ≤ t &lt; End.</summary>
    public bool Contains(DateTime t) => Start <= t && t < End;

    public ResultInterval ToResultInterval() => new(UtcInstant.Format(Start), UtcInstant.Format(End));

    public override string ToString() => $"{UtcInstant.Format(Start)}/{UtcInstant.Format(End)}";
}
