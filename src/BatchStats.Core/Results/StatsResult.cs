namespace BatchStats.Core.Results;

/// <summary>
/// The <c>stats</c> object of a band (§9.2): min, max, mean, stDev (NaN when the band has no valid sample),
/// sampleCount, noDataCount and, when requested and N ≥ 1, the percentiles keyed by their Java-formatted k.
/// </summary>
public sealed class StatsResult
{
    public double Min { get; init; } = double.NaN;

    public double Max { get; init; } = double.NaN;

    public double Mean { get; init; } = double.NaN;

    public double StDev { get; init; } = double.NaN;

    public long SampleCount { get; init; }

    public long NoDataCount { get; init; }

    /// <summary>Key ("50.0") → value, in ascending k; null when absent.</summary>
    public OrderedDictionary<string, double>? Percentiles { get; init; }
}
