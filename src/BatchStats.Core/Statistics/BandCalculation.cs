namespace BatchStats.Core.Statistics;

/// <summary>
/// What to compute for one band beyond the basic stats (S31): optional percentiles and histogram.
/// <see cref="IntegerOutput"/> is whether the output's sampleType is an integer type (S26).
/// </summary>
public sealed record BandCalculation(PercentileSpec? Percentiles, HistogramDefinition? Histogram, bool IntegerOutput = false)
{
    /// <summary>Basic stats only.</summary>
    public static BandCalculation BasicOnly { get; } = new(null, null);

    /// <summary>Values must be kept: percentiles need sorting, implicit histogram edges need min/max first.</summary>
    public bool NeedsValues => Percentiles is { Count: > 0 } || (Histogram is not null && !Histogram.HasExplicitEdges);
}
