namespace BatchStats.Core.Results;

/// <summary>A band's object: <c>stats</c>, then <c>histogram</c> when requested.</summary>
public sealed class BandResult
{
    public required StatsResult Stats { get; init; }

    public HistogramResult? Histogram { get; init; }
}
